package dev.ledger.query.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.UncategorizedSQLException;

class DeadLetterGuardTest {

    @Test
    void shouldRetryTransientFailuresInsteadOfParkingThem() {
        assertThat(DeadLetterGuard.isTransient(new CannotAcquireLockException("deadlock"))).isTrue();
        assertThat(DeadLetterGuard.isTransient(new QueryTimeoutException("statement timeout"))).isTrue();
        assertThat(DeadLetterGuard.isTransient(new IllegalStateException("wrapped",
                new SQLTransientConnectionException("pool exhausted")))).isTrue();
        for (String state : new String[] {"08006", "40001", "40P01", "53300", "57014", "57P01", "55P03"}) {
            assertThat(DeadLetterGuard.isTransient(sqlError(state))).as(state).isTrue();
        }
    }

    @Test
    void shouldParkFailuresThatWillFailAgain() {
        assertThat(DeadLetterGuard.isTransient(new IllegalStateException("bug"))).isFalse();
        assertThat(DeadLetterGuard.isTransient(new NullPointerException())).isFalse();
        assertThat(DeadLetterGuard.isTransient(new DataIntegrityViolationException("not null"))).isFalse();
        for (String state : new String[] {"23502", "23505", "22001", "22012", "42P01", "42703"}) {
            assertThat(DeadLetterGuard.isTransient(sqlError(state))).as(state).isFalse();
        }
    }

    @Test
    void shouldKeepTheHandlersExceptionTypeWhenAxonWrapsTheCauseAgain() {
        ThrowableCause original = new ThrowableCause("org.example.ProjectionBug", "boom");
        Cause wrapped = new ThrowableCause(new ThrowableCause(original));

        Cause unwrapped = DeadLetterConfiguration.CauseKeepingStatementFactory.unwrap(wrapped);

        assertThat(unwrapped.type()).isEqualTo("org.example.ProjectionBug");
        assertThat(unwrapped.message()).isEqualTo("boom");
        assertThat(DeadLetterConfiguration.CauseKeepingStatementFactory.unwrap(original)).isSameAs(original);
        assertThat(DeadLetterConfiguration.CauseKeepingStatementFactory.unwrap(null)).isNull();
    }

    private static RuntimeException sqlError(String sqlState) {
        return new UncategorizedSQLException("handler", "UPDATE …", new SQLException("failed", sqlState));
    }
}
