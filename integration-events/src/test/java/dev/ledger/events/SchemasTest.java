package dev.ledger.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every event type has a schema file that accepts what the records serialize to and refuses what breaks the
 * contract. Parameterized over {@link EventType}, so a type added without a schema file fails the build.
 */
class SchemasTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldHaveASchemaFileThatPinsTheTypeAndVersion(EventType type) throws Exception {
        try (InputStream file = getClass().getClassLoader().getResourceAsStream(type.schemaResource())) {
            assertThat(file).as(type.schemaResource()).isNotNull();
            JsonNode schema = Examples.JSON.readTree(file);
            assertThat(schema.path("$id").asText()).isEqualTo(Schemas.idOf(type));
            assertThat(schema.path("properties").path("type").path("const").asText()).isEqualTo(type.type());
            assertThat(schema.path("properties").path("version").path("const").asInt()).isEqualTo(type.version());
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldAcceptTheSerializedRecordOfEveryType(EventType type) throws Exception {
        String body = Examples.JSON.writeValueAsString(Examples.envelope(type));

        assertThat(body).contains("\"occurredAt\":\"2026-12-01T18:48:42.123456Z\"");
        assertThat(Schemas.errors(body)).isEmpty();
        assertThat(Schemas.typeOf(Examples.JSON.readTree(body))).contains(type);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldRefuseABodyMissingAnyRequiredDataField(EventType type) {
        List<String> fields = new ArrayList<>();
        Examples.body(type).path("data").fieldNames().forEachRemaining(fields::add);
        fields.removeAll(Examples.OPTIONAL.getOrDefault(type, List.of()));
        assertThat(fields).isNotEmpty();
        for (String field : fields) {
            ObjectNode body = Examples.body(type);
            ((ObjectNode) body.path("data")).remove(field);
            assertThat(Schemas.errors(body)).as("without data.%s", field).anyMatch(e -> e.contains(field));
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldRefuseABodyMissingAnyEnvelopeField(EventType type) {
        for (String field : List.of("id", "occurredAt", "position", "correlationId", "subject", "data")) {
            ObjectNode body = Examples.body(type);
            body.remove(field);
            assertThat(Schemas.errors(body)).as("without %s", field).anyMatch(e -> e.contains(field));
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldRefuseAPropertyTheEnvelopeDoesNotHave(EventType type) {
        ObjectNode body = Examples.body(type);
        body.put("tenant", "acme");

        assertThat(Schemas.errors(body)).anyMatch(e -> e.contains("tenant"));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldAcceptANewOptionalDataFieldWithoutANewVersion(EventType type) {
        ObjectNode body = Examples.body(type);
        ((ObjectNode) body.path("data")).put("channel", "mobile");

        assertThat(Schemas.errors(body)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldRefuseAnotherTypeOrVersionUnderThisTypesSchema(EventType type) {
        ObjectNode otherType = Examples.body(type);
        otherType.put("type", type == EventType.POSTING_MADE ? "account.opened" : "posting.made");
        ObjectNode otherVersion = Examples.body(type);
        otherVersion.put("version", type.version() + 1);

        assertThat(Schemas.schema(type).validate(otherType)).anyMatch(e -> e.toString().contains("type"));
        assertThat(Schemas.schema(type).validate(otherVersion)).anyMatch(e -> e.toString().contains("version"));
        assertThat(Schemas.errors(otherVersion)).singleElement().asString().contains("not a known event type");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldRefuseAnOccurredAtThatIsNotADateTimeAndANegativePosition(EventType type) {
        ObjectNode badTime = Examples.body(type);
        badTime.put("occurredAt", "yesterday");
        ObjectNode badPosition = Examples.body(type);
        badPosition.put("position", -1);

        assertThat(Schemas.errors(badTime)).anyMatch(e -> e.contains("occurredAt"));
        assertThat(Schemas.errors(badPosition)).anyMatch(e -> e.contains("position"));
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"POSTING_MADE", "TRANSFER_COMPLETED", "TRANSFER_REJECTED",
                                                   "TRANSFER_FAILED", "TRANSFER_IN_REVIEW"})
    void shouldRefuseAnAmountBelowOne(EventType type) {
        for (long amount : new long[] {0, -250}) {
            ObjectNode body = Examples.body(type);
            ((ObjectNode) body.path("data")).put("amount", amount);
            assertThat(Schemas.errors(body)).as("amount %d", amount).anyMatch(e -> e.contains("amount"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kind", "direction"})
    void shouldRefuseAPostingWhoseKindOrDirectionIsNotOneOfTheListedValues(String field) {
        ObjectNode body = Examples.body(EventType.POSTING_MADE);
        ((ObjectNode) body.path("data")).put(field, "GIFT");

        assertThat(Schemas.errors(body)).anyMatch(e -> e.contains(field));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldRefuseACurrencyThatIsNotThreeCapitalLetters(EventType type) {
        ObjectNode body = Examples.body(type);
        ((ObjectNode) body.path("data")).put("currency", "eur");

        assertThat(Schemas.errors(body)).anyMatch(e -> e.contains("currency"));
    }

    @Test
    void shouldAcceptNullOnlyWhereTheContractSaysSo() {
        ObjectNode deposit = Examples.body(EventType.POSTING_MADE);
        ((ObjectNode) deposit.path("data")).putNull("transferId");
        deposit.putNull("correlationId");
        ObjectNode noContra = Examples.body(EventType.POSTING_MADE);
        ((ObjectNode) noContra.path("data")).putNull("contraAccountId");

        assertThat(Schemas.errors(deposit)).isEmpty();
        assertThat(Schemas.errors(noContra)).anyMatch(e -> e.contains("contraAccountId"));
    }

    @Test
    void shouldAcceptAnOpeningWithoutLabelsAsPublishedBeforeThemAndRefuseLabelsOutOfBounds() {
        ObjectNode before = Examples.body(EventType.ACCOUNT_OPENED);
        ((ObjectNode) before.path("data")).remove("metadata");
        ObjectNode notText = Examples.body(EventType.ACCOUNT_OPENED);
        ((ObjectNode) notText.path("data").path("metadata")).put("count", 3);
        ObjectNode badKey = Examples.body(EventType.ACCOUNT_OPENED);
        ((ObjectNode) badKey.path("data").path("metadata")).put("bad key", "v");
        ObjectNode seventeen = Examples.body(EventType.ACCOUNT_OPENED);
        for (int i = 0; i < 16; i++) {
            ((ObjectNode) seventeen.path("data").path("metadata")).put("k" + i, "v");
        }

        assertThat(Schemas.errors(before)).isEmpty();
        assertThat(Schemas.errors(notText)).anyMatch(e -> e.contains("metadata"));
        assertThat(Schemas.errors(badKey)).anyMatch(e -> e.contains("metadata"));
        assertThat(Schemas.errors(seventeen)).anyMatch(e -> e.contains("metadata"));
    }

    @Test
    void shouldReportABodyThatIsNotJsonOrNamesNoKnownType() {
        assertThat(Schemas.errors("{not json")).singleElement().asString().startsWith("not JSON");
        assertThat(Schemas.errors("{\"type\": \"gift.card\", \"version\": 1}")).singleElement().asString()
                                                                                .contains("gift.card");
        assertThat(Schemas.errors("[]")).singleElement().asString().contains("not a known event type");
    }
}
