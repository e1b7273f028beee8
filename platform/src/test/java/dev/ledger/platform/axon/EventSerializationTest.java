package dev.ledger.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.Money;
import dev.ledger.api.account.MoneyDepositedEvent;
import java.nio.charset.StandardCharsets;
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
}
