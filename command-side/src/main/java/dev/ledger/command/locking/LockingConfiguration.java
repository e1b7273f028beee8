package dev.ledger.command.locking;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The lock every aggregate's lock factory takes across nodes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CommandSettings.class)
class LockingConfiguration {

    @Bean
    SharedLocks sharedLocks(JdbcTemplate jdbc, CommandSettings commands) {
        return new SharedLocks(jdbc, commands.timeout());
    }
}
