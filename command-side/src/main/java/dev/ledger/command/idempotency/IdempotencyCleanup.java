package dev.ledger.command.idempotency;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes keys past their retention. Idempotent, so several command-side nodes may all run it. */
@Component
class IdempotencyCleanup {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyCleanup.class);

    private final IdempotencyStore store;
    private final IdempotencyProperties properties;
    private final Clock clock = Clock.systemUTC();

    IdempotencyCleanup(IdempotencyStore store, IdempotencyProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${ledger.idempotency.cleanup-interval:PT1H}",
            initialDelayString = "${ledger.idempotency.cleanup-interval:PT1H}")
    void deleteExpired() {
        int deleted = store.deleteCreatedBefore(clock.instant().minus(properties.retention()));
        if (deleted > 0) {
            log.info("deleted {} idempotency keys older than {}", deleted, properties.retention());
        }
    }
}
