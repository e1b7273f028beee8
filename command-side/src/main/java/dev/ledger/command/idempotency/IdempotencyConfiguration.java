package dev.ledger.command.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the command request filter right after the correlation-id filter, so its logs carry the id. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(IdempotencyProperties.class)
class IdempotencyConfiguration {

    @Bean
    FilterRegistrationBean<CommandRequestFilter> commandRequestFilter(PlatformTransactionManager transactionManager,
                                                                       IdempotencyStore store,
                                                                       IdempotencyProperties properties,
                                                                       ObjectMapper json,
                                                                       @Value("${ledger.faults.enabled:false}")
                                                                       boolean faultInjection) {
        CommandRequestFilter filter = new CommandRequestFilter(new TransactionTemplate(transactionManager), store,
                                                               properties, json, faultInjection);
        FilterRegistrationBean<CommandRequestFilter> registration = new FilterRegistrationBean<>(filter);
        // after Spring Security (keys belong to the token's client) and after back-pressure
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 30);
        return registration;
    }
}
