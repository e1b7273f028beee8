package dev.ledger.command.locking;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The lock every aggregate's lock factory takes across nodes. */
@Configuration(proxyBeanMethods = false)
class LockingConfiguration {

    @Bean
    SharedLocks sharedLocks(JdbcTemplate jdbc, @Value("${ledger.commands.timeout:10s}") Duration timeout) {
        return new SharedLocks(jdbc, timeout);
    }
}
