package dev.ledger.command.idempotency;

import dev.ledger.command.locking.CommandSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.command.locking.AggregateLocks;
import dev.ledger.command.web.HandlerLookup;
import dev.ledger.platform.limits.LimitsConfiguration;
import dev.ledger.platform.limits.LimitsProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the command request filter after Spring Security's filter chain (-100) and the platform's rate limit (-90):
 * a request refused there (401, 403, 429) has opened no transaction, taken no lock and stores no response for its
 * {@code Idempotency-Key}, so a retry with the same key runs normally. Still after the correlation-id filter, so
 * its logs carry the id.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(IdempotencyProperties.class)
class IdempotencyConfiguration {

    static final int FILTER_ORDER = LimitsConfiguration.RATE_ORDER + 10;

    @Bean
    FilterRegistrationBean<CommandRequestFilter> commandRequestFilter(HandlerLookup handlers,
                                                                       AggregateLocks accountLocks,
                                                                       CommandSettings commands,
                                                                       @Value("${axon.axonserver.enabled:true}")
                                                                       boolean axonServer,
                                                                       PlatformTransactionManager transactionManager,
                                                                       IdempotencyStore store,
                                                                       IdempotencyProperties properties,
                                                                       ObjectMapper json,
                                                                       LimitsProperties limits) {
        // with Axon Server, commands are handled on its threads, which cannot re-enter the request's locks
        AccountsAhead accounts = new AccountsAhead(axonServer ? null : accountLocks, json);
        KeyProtocol protocol = new KeyProtocol(new TransactionTemplate(transactionManager), store);
        CommandRequestFilter filter = new CommandRequestFilter(handlers, accounts, commands.timeout(), protocol,
                                                               TransientRetries.of(properties), json,
                                                               limits.maxBodyBytes());
        FilterRegistrationBean<CommandRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(FILTER_ORDER);
        return registration;
    }

    /** Both an operation's and the document's customizer: springdoc finds it as either. */
    @Bean
    IdempotencyDocumentation idempotencyDocumentation(IdempotencyProperties properties) {
        return new IdempotencyDocumentation(properties);
    }

    /** Test hooks ({@code X-Ledger-Fault}), inside the command request filter so inside each attempt's transaction. */
    @Bean
    @ConditionalOnProperty(name = "ledger.faults.enabled", havingValue = "true")
    FilterRegistrationBean<FaultInjectionFilter> faultInjectionFilter(HandlerLookup handlers) {
        FilterRegistrationBean<FaultInjectionFilter> registration =
                new FilterRegistrationBean<>(new FaultInjectionFilter(handlers));
        registration.setOrder(FILTER_ORDER + 1);
        return registration;
    }
}
