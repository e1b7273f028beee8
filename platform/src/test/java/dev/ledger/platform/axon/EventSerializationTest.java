package dev.ledger.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.Metadata;
import dev.ledger.api.Money;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.OpenAccountCommand;
import dev.ledger.api.transfer.TransferRequestedEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** Stored events are the ledger's long-term contract: exactly their components, readable after fields are added. */
class EventSerializationTest {

    private final Serializer serializer = new AxonPlatformConfiguration().serializer();

    @Test
    void shouldStoreAnEventAsExactlyItsComponents() {
        MoneyDepositedEvent event = new MoneyDepositedEvent("acc", "p-1", new Money(150, "EUR"), 150, "world:EUR");

        String json = new String(serializer.serialize(event, byte[].class).getData(), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"accountId\":\"acc\",\"postingId\":\"p-1\","
                                           + "\"amount\":{\"amount\":150,\"currency\":\"EUR\"},"
                                           + "\"balanceAfter\":150,\"contraAccountId\":\"world:EUR\"}");
    }

    @Test
    void shouldReadAnEventThatGainedAFieldSinceItWasWritten() {
        SerializedObject<byte[]> stored = serializer.serialize(
                new MoneyDepositedEvent("acc", "p-1", new Money(150, "EUR"), 150, "world:EUR"), byte[].class);
        String withExtraField = new String(stored.getData(), StandardCharsets.UTF_8)
                .replace("{\"accountId\"", "{\"addedLater\":true,\"accountId\"");
        SerializedObject<byte[]> evolved = new org.axonframework.serialization.SimpleSerializedObject<>(
                withExtraField.getBytes(StandardCharsets.UTF_8), byte[].class, stored.getType());

        MoneyDepositedEvent read = serializer.deserialize(evolved);

        assertThat(read.amount()).isEqualTo(new Money(150, "EUR"));
        assertThat(read.balanceAfter()).isEqualTo(150);
    }

    @Test
    void shouldStoreLabelsAsAPlainObjectAndReadThemBack() {
        Map<String, String> labels = Metadata.of(Map.of("orderId", "123", "note", "\"quoted\" ünïcödé 😀")).entries();
        TransferRequestedEvent event = new TransferRequestedEvent("t-1", "a", "b", new Money(5, "EUR"), null, "alice",
                                                                  "alice", "bob", labels);

        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
        String json = new String(stored.getData(), StandardCharsets.UTF_8);
        TransferRequestedEvent read = serializer.deserialize(stored);

        // a plain object in key order (Jackson writes the emoji as its escaped surrogate pair, still JSON)
        assertThat(json).contains(",\"metadata\":{\"note\":\"\\\"quoted\\\" ünïcödé ")
                        .endsWith(",\"orderId\":\"123\"}}");
        assertThat(read).isEqualTo(event);
    }

    @Test
    void shouldReadAnOpeningFromBeforeLabelsWithoutThem() {
        String before = "{\"accountId\":\"acc\",\"currency\":\"EUR\",\"overdraftLimit\":0,\"ownerRef\":null,"
                + "\"owner\":\"alice\"}";
        SerializedObject<byte[]> stored = new SimpleSerializedObject<>(
                before.getBytes(StandardCharsets.UTF_8), byte[].class,
                serializer.serialize(new AccountOpenedEvent("x", "EUR", 0, null, "o"), byte[].class).getType());

        AccountOpenedEvent read = serializer.deserialize(stored);

        assertThat(read.owner()).isEqualTo("alice");
        assertThat(read.metadata()).isNull();
        assertThat(Metadata.of(read.metadata()).isEmpty()).isTrue();
    }

    @Test
    void shouldCarryACommandsLabelsThroughTheSerializer() {
        OpenAccountCommand command = new OpenAccountCommand("acc", "EUR", 0, null, "alice",
                                                            Metadata.of(Map.of("orderId", "123")));

        OpenAccountCommand read = serializer.deserialize(serializer.serialize(command, byte[].class));

        assertThat(read).isEqualTo(command);
    }
}
