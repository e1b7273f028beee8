package dev.ledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of the command side while transfers are in flight, then a restart: every transfer the ledger accepted
 * is terminal, each one committed in a single transaction (both legs or neither), and every currency still sums to
 * zero. On the shared ledger, whose command side it kills and brings back: its accounts are in DKK, a currency no
 * other class uses (no screening threshold, as EUR's default was far above these amounts), and every count is of
 * this run's transfers, whose ids carry a prefix of its own.
 */
@ExtendWith(SharedLedger.class)
class TransferCrashRecoveryIT {

    private static final int ACCOUNTS = 6;
    private static final long INITIAL = 100_000;
    private static final String CURRENCY = "DKK";
    private static final String RUN = "crash-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final String TRANSFERS = RUN + "tx-";
    private static LedgerSystem ledger;

    @BeforeAll
    static void start(LedgerSystem system) {
        ledger = system;
    }

    @Test
    void shouldFinishEveryAcceptedTransferAfterACrashWithoutLosingOrCreatingMoney() throws Exception {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            String id = RUN + i;
            assertThat(ledger.command("/accounts", "{\"accountId\":\"" + id + "\",\"currency\":\"" + CURRENCY
                                                   + "\"}").status()).isEqualTo(202);
            assertThat(ledger.command("/accounts/" + id + "/deposits",
                                      "{\"amount\":" + INITIAL + ",\"currency\":\"" + CURRENCY + "\"}").status())
                    .isEqualTo(202);
            accounts.add(id);
        }

        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Set<String> refused = ConcurrentHashMap.newKeySet();
        AtomicInteger retriesAfterConnectionLoss = new AtomicInteger();
        AtomicInteger sequence = new AtomicInteger();
        CountDownLatch enoughDone = new CountDownLatch(60);
        ExecutorService clients = Executors.newFixedThreadPool(6);
        for (int c = 0; c < 6; c++) {
            int seed = c;
            clients.submit(() -> {
                Random random = new Random(seed);
                for (int n = 0; n < 50; n++) {
                    String id = TRANSFERS + sequence.incrementAndGet();
                    int from = random.nextInt(ACCOUNTS);
                    int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    String body = "{\"transferId\":\"" + id + "\",\"sourceAccountId\":\"" + accounts.get(from)
                            + "\",\"destinationAccountId\":\"" + accounts.get(to) + "\",\"amount\":"
                            + (1 + random.nextInt(20_000)) + ",\"currency\":\"" + CURRENCY + "\"}";
                    // what a careful client does: the same request with the same key until a definite answer
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
                        try {
                            LedgerClient.Answer answer = ledger.command("/transfers", body,
                                                                        Map.of("Idempotency-Key", id));
                            if (answer.status() == 202) {
                                accepted.add(id);
                                return true;
                            }
                            if (answer.status() >= 400 && answer.status() < 500 && answer.status() != 409) {
                                refused.add(id);
                                return true;
                            }
                            return false;
                        } catch (IllegalStateException connectionLost) {
                            retriesAfterConnectionLoss.incrementAndGet();
                            return false;
                        }
                    });
                    enoughDone.countDown();
                }
            });
        }
        assertThat(enoughDone.await(120, TimeUnit.SECONDS)).isTrue();
        ledger.crashAndRestartCommandSide();
        clients.shutdown();
        assertThat(clients.awaitTermination(300, TimeUnit.SECONDS)).isTrue();

        assertThat(accepted.size() + refused.size()).isEqualTo(300);
        // every transfer the event store knows was answered 202 to its client, exactly once per id
        assertThat(ledger.single("SELECT count(DISTINCT aggregate_identifier) FROM ledger_command.domain_event_entry "
                                         + "WHERE aggregate_identifier LIKE ?", TRANSFERS + "%"))
                .isEqualTo(accepted.size());

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String id : accepted) {
                JsonNode transfer = ledger.query("/transfers/" + id).body();
                assertThat(transfer.path("status").asText()).as(id)
                                                            .isIn("COMPLETED", "REJECTED");
            }
        });

        // the event store, the source of truth: a transfer's events (its own and both accounts' legs) were written
        // by one transaction each, so a kill can cut between transfers but never inside one
        System.out.printf("crash recovery: %d transfers accepted, %d refused, %d client retries after the kill, "
                                  + "%d debited, %d credited, %d completed%n",
                          accepted.size(), refused.size(), retriesAfterConnectionLoss.get(),
                          countEvents("account.TransferDebitedEvent"), countEvents("account.TransferCreditedEvent"),
                          countEvents("transfer.TransferCompletedEvent"));
        assertThat(ledger.single("""
                                         SELECT count(*) FROM (
                                             SELECT convert_from(payload, 'UTF8')::jsonb ->> 'transferId' AS transfer
                                             FROM ledger_command.domain_event_entry
                                             WHERE convert_from(payload, 'UTF8')::jsonb ->> 'transferId' LIKE ?
                                             GROUP BY 1 HAVING count(DISTINCT xmin::text) > 1) split""",
                                 TRANSFERS + "%")).isZero();
        assertThat(countEvents("account.TransferDebitedEvent")).isEqualTo(countEvents("transfer.TransferCompletedEvent"))
                                                              .isEqualTo(countEvents("account.TransferCreditedEvent"));
        assertThat(countEvents("account.HoldPlacedEvent")).isZero();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode items = ledger.query("/accounts?currency=" + CURRENCY + "&limit=200").body().get("items");
            long sum = 0;
            long customerTotal = 0;
            for (JsonNode account : items) {
                sum += account.get("balance").asLong();
                if ("CUSTOMER".equals(account.get("kind").asText())) {
                    customerTotal += account.get("balance").asLong();
                    assertThat(account.get("held").asLong()).as(account.toString()).isZero();
                    assertThat(account.get("balance").asLong()).as(account.toString()).isNotNegative();
                }
            }
            assertThat(sum).isZero();
            assertThat(customerTotal).isEqualTo(ACCOUNTS * INITIAL);
        });
    }

    /** Events of {@code type} that belong to this run's transfers. */
    private static long countEvents(String type) {
        return ledger.single("""
                                     SELECT count(*) FROM ledger_command.domain_event_entry WHERE payload_type = ?
                                     AND convert_from(payload, 'UTF8')::jsonb ->> 'transferId' LIKE ?""",
                             "dev.ledger.api." + type, TRANSFERS + "%");
    }
}
