package dev.ledger.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.command.support.CommandSideIntegrationTest;
import java.lang.reflect.Field;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 10, defect 4: the command side's review process reads the event store with the query side's gap settings,
 * not Axon's defaults (60 s, 10,000 positions), under which a late commit is never delivered to it.
 */
@CommandSideIntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class EventStoreReadingIntegrationTest {

    @Autowired
    private EventStorageEngine engine;

    @Test
    void shouldReadTheStoreWithTheSharedGapSettings() throws Exception {
        assertThat(engine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(field("gapTimeout")).isEqualTo(120_000);
        assertThat(field("maxGapOffset")).isEqualTo(1_000_000);
        assertThat(field("gapCleaningThreshold")).isEqualTo(250);
        assertThat(field("extendedGapCheckEnabled")).isEqualTo(true);
        // a lost append race is PostgreSQL's unique violation, wrapped by the driver's batch exception
        var resolver = (org.axonframework.common.jdbc.PersistenceExceptionResolver) field("persistenceExceptionResolver");
        assertThat(resolver.isDuplicateKeyViolation(new java.sql.BatchUpdateException(
                "Batch entry 0 was aborted", "23505", 0, new int[0],
                new java.sql.SQLException("duplicate key value violates unique constraint", "23505")))).isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new java.sql.SQLException("deadlock detected", "40P01")))
                .isFalse();
    }

    private Object field(String name) throws ReflectiveOperationException {
        for (Class<?> type = engine.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(engine);
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        throw new NoSuchFieldException(name);
    }
}
