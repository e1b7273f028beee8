package dev.ledger.consumer;

import static dev.ledger.consumer.TestEvents.body;
import static dev.ledger.consumer.TestEvents.message;
import static dev.ledger.consumer.TestEvents.opened;
import static dev.ledger.consumer.TestEvents.posting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledger.consumer.inbox.Balance;
import dev.ledger.consumer.inbox.DeduplicatingConsumer;
import dev.ledger.consumer.inbox.PoisonMessageException;
import dev.ledger.events.Envelope;
import dev.ledger.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The inbox and its effect on a real PostgreSQL, without a broker: what the broker tests rely on. */
class DeduplicatingConsumerTest {

    private static final TestDatabase.Fresh DATABASE = TestDatabase.shared().newDatabase();
    private static final DeduplicatingConsumer CONSUMER =
            DeduplicatingConsumer.migrated(TestPool.on(DATABASE), "ledger_consumer");

    private final String run = TestEvents.run();

    @Test
    void shouldApplyAMessageDeliveredTwiceOnce() {
        Envelope<Object> deposit = posting("acc-" + run, 1, 100);
        long seen = CONSUMER.seen();
        long dropped = CONSUMER.duplicatesDropped();
        long postings = CONSUMER.countsByType().getOrDefault("posting.made", 0L);

        assertThat(CONSUMER.accept(message(deposit))).isTrue();
        assertThat(CONSUMER.accept(message(deposit))).isFalse();

        assertThat(CONSUMER.seen()).isEqualTo(seen + 1);
        assertThat(CONSUMER.duplicatesDropped()).isEqualTo(dropped + 1);
        assertThat(CONSUMER.countsByType()).containsEntry("posting.made", postings + 1);
        assertThat(CONSUMER.hasSeen(deposit.id())).isTrue();
    }

    @Test
    void shouldKeepTheHighestVersionsBalanceWhateverOrderThePostingsOfManyAccountsArriveIn() {
        List<Envelope<Object>> events = new ArrayList<>();
        for (int account = 0; account < 5; account++) {
            events.add(opened("acc-" + run + "-" + account));
            for (int version = 1; version <= 20; version++) {
                events.add(posting("acc-" + run + "-" + account, version, 1_000L * account + version));
            }
        }
        Collections.shuffle(events, new Random(run.hashCode()));

        events.forEach(event -> CONSUMER.accept(event.id(), body(event)));

        for (int account = 0; account < 5; account++) {
            assertThat(CONSUMER.balance("acc-" + run + "-" + account))
                    .contains(new Balance("acc-" + run + "-" + account, "EUR", 1_000L * account + 20, 20));
        }
    }

    @Test
    void shouldKeepAPostingThatOvertookTheAccountsOpening() {
        String account = "acc-" + run;

        CONSUMER.accept(message(posting(account, 1, 100)));
        CONSUMER.accept(message(opened(account)));

        assertThat(CONSUMER.balance(account)).contains(new Balance(account, "EUR", 100, 1));
    }

    @Test
    void shouldRejectAPoisonMessageAndLeaveNoTraceOfIt() {
        Envelope<Object> valid = posting("acc-" + run, 1, 100);
        String negativeAmount = new String(body(valid), StandardCharsets.UTF_8).replace("\"amount\":100",
                                                                                        "\"amount\":-100");
        long seen = CONSUMER.seen();

        assertThatThrownBy(() -> CONSUMER.accept(message(valid).getMessageProperties().getMessageId(),
                                                 negativeAmount.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("amount");
        assertThatThrownBy(() -> CONSUMER.accept(TestEvents.unparseable()))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> CONSUMER.accept("another-id", body(valid)))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining(valid.id());

        assertThat(CONSUMER.seen()).isEqualTo(seen);
        assertThat(CONSUMER.balance("acc-" + run)).isEmpty();
        assertThat(CONSUMER.accept(message(valid))).isTrue();
    }

    /**
     * PostgreSQL refuses a NUL in text: a body that carries one in an id would fail every delivery, so it must be
     * refused as poison (dead-lettered once), not retried as if the database were briefly away.
     */
    @Test
    void shouldRejectAMessageWithANulCharacterAsPoisonNotAsATransientFailure() {
        Envelope<Object> valid = posting("acc-" + run, 1, 100);
        String nulInAccount = new String(body(valid), StandardCharsets.UTF_8)
                .replace("\"acc-" + run + "\"", "\"acc-" + run + "\\u0000x\"");
        assertThat(nulInAccount).contains("\\u0000");
        long seen = CONSUMER.seen();

        assertThatThrownBy(() -> CONSUMER.accept(valid.id(), nulInAccount.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("NUL");

        assertThat(CONSUMER.seen()).isEqualTo(seen);
    }

    @Test
    void shouldDeduplicateByTheBodysIdWhenTheMessageHasNone() {
        Envelope<Object> deposit = posting("acc-" + run, 1, 100);

        assertThat(CONSUMER.accept(null, body(deposit))).isTrue();
        assertThat(CONSUMER.accept(message(deposit))).isFalse();
    }
}
