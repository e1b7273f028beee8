package dev.ledger.command.locking;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The lock every aggregate's lock factory takes across nodes, and what the API description says of waiting for it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CommandSettings.class)
class LockingConfiguration {

    @Bean
    SharedLocks sharedLocks(JdbcTemplate jdbc, CommandSettings commands) {
        return new SharedLocks(jdbc, commands.timeout());
    }

    @Bean
    OperationCustomizer accountLocksDocumentation(CommandSettings commands) {
        return new AccountLocksDocumentation(commands);
    }
}
