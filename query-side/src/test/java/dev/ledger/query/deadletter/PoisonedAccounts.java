package dev.ledger.query.deadletter;

import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.query.processors.ProcessingGroups;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A test-only handler in the {@code account-statement} processing group (so it runs in that group's processor, in
 * front of the statement projection, and shares its dead-letter queue) that fails on the deposits of the accounts a
 * test has poisoned. Inert for every other account, so the other tests sharing the context never notice it.
 */
@Component
@ProcessingGroup(ProcessingGroups.ACCOUNT_STATEMENT)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PoisonedAccounts {

    /** How a poisoned deposit fails. */
    public enum Failure {
        /** an exception before any SQL, e.g. a bug in the handler */
        EXCEPTION,
        /** a failing SQL statement on the batch's JDBC connection */
        SQL_ERROR,
        /** a failing native query through JPA (Hibernate), as a repository would run it */
        JPA_ERROR
    }

    private static final Map<String, Failure> POISONED = new ConcurrentHashMap<>();

    private final JdbcTemplate jdbc;
    private final EntityManager entityManager;

    PoisonedAccounts(JdbcTemplate jdbc, EntityManager entityManager) {
        this.jdbc = jdbc;
        this.entityManager = entityManager;
    }

    public static void poison(String accountId, Failure failure) {
        POISONED.put(accountId, failure);
    }

    /** "The fix": the account's deposits are handled normally again. */
    public static void cure(String accountId) {
        POISONED.remove(accountId);
    }

    @EventHandler
    void on(MoneyDepositedEvent event) {
        Failure failure = POISONED.get(event.accountId());
        if (failure == null) {
            return;
        }
        switch (failure) {
            case EXCEPTION -> throw new IllegalStateException("poisoned deposit " + event.postingId());
            case SQL_ERROR -> jdbc.queryForObject("SELECT 1 / 0", Integer.class);
            case JPA_ERROR -> entityManager.createNativeQuery("SELECT 1 / 0").getSingleResult();
        }
    }
}
