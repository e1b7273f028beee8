package dev.ledger.command.account;

import static dev.ledger.command.account.AccountFixtures.credited;
import static dev.ledger.command.account.AccountFixtures.deposited;
import static dev.ledger.command.account.AccountFixtures.frozen;
import static dev.ledger.command.account.AccountFixtures.holdCaptured;
import static dev.ledger.command.account.AccountFixtures.holdPlaced;
import static dev.ledger.command.account.AccountFixtures.holdReleased;
import static dev.ledger.command.account.AccountFixtures.opened;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.platform.axon.AxonPlatformConfiguration;
import java.nio.charset.StandardCharsets;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;

/**
 * Snapshots already stored must load after a change to the aggregate's insides. The aggregate has no snapshot
 * revision, so Axon hands every stored snapshot of it to the serializer: the form below is the one the aggregate
 * wrote when its balance, overdraft, holds and status were all plain fields of its own, byte for byte.
 */
class AccountSnapshotFormatTest {

    /** {@link #accountWithHoldHistory()} as snapshotted before the account kept its funds and holds in values. */
    private static final String STORED_BEFORE = """
            {"accountId":"acc-1","currency":"EUR","balance":800,"overdraftLimit":0,"status":"FROZEN","held":300,\
            "openHolds":{"h-open":{"transferId":"t-h-open","amount":300}}}""";

    private final Serializer serializer = new AxonPlatformConfiguration().serializer();

    @Test
    void shouldRestoreEveryFieldFromASnapshotStoredInTheEarlierForm() {
        Account restored = serializer.deserialize(new SimpleSerializedObject<>(
                STORED_BEFORE.getBytes(StandardCharsets.UTF_8), byte[].class, Account.class.getName(), null));

        assertThat(restored).usingRecursiveComparison().isEqualTo(accountWithHoldHistory());
    }

    @Test
    void shouldStillWriteSnapshotsInThatForm() throws Exception {
        byte[] written = serializer.serialize(accountWithHoldHistory(), byte[].class).getData();

        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(written)).isEqualTo(json.readTree(STORED_BEFORE));
    }

    /** 1,000 deposited, 200 credited, one hold released, one captured, one open; frozen. */
    private static Account accountWithHoldHistory() {
        Account account = new Account();
        account.on(opened(0));
        account.on(deposited("dep-1", 1_000, 1_000));
        account.on(credited("t-in", "p-in", 200, 1_200));
        account.on(holdPlaced("h-released", 100, 100));
        account.on(holdReleased("h-released", 100, 0, "REVIEW_REJECTED"));
        account.on(holdPlaced("h-captured", 400, 400));
        account.on(holdCaptured("h-captured", "p-1", 400, 800, 0));
        account.on(holdPlaced("h-open", 300, 300));
        account.on(frozen());
        return account;
    }
}
