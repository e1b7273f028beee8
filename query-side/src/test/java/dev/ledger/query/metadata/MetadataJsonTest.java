package dev.ledger.query.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledger.api.Metadata;
import dev.ledger.platform.web.LedgerRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataJsonTest {

    @Test
    void shouldWriteAFilterWithoutAnyApostropheAndReadItBackTheSame() {
        Map<String, String> labels = Map.of("note", "it's '); DROP TABLE x; -- \\ \"q\" ünï 😀", "k", "'");

        String json = MetadataJson.toJsonWithoutApostrophes(labels);

        assertThat(json).doesNotContain("'").contains("\\u0027");
        assertThat(MetadataJson.fromJson(json)).isEqualTo(labels);
    }

    @Test
    void shouldReadNoLabelsFromNullOrAnEmptyObject() {
        assertThat(MetadataJson.fromJson(null)).isEmpty();
        assertThat(MetadataJson.fromJson("{}")).isEmpty();
        assertThat(MetadataJson.toJson(null)).isEqualTo("{}");
    }

    @Test
    void shouldTakeOnlyTheMetadataParametersAsTheFilter() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("currency", List.of("EUR"));
        parameters.put("metadata.orderId", List.of("A-1"));
        parameters.put("metadata.channel", List.of(""));

        assertThat(MetadataFilter.of(parameters)).isEqualTo(Metadata.of(Map.of("orderId", "A-1", "channel", "")));
        assertThat(MetadataFilter.of(Map.of("limit", List.of("5")))).isEqualTo(Metadata.EMPTY);
    }

    @Test
    void shouldRefuseAFilterKeyGivenTwiceOrOutOfBounds() {
        assertThatThrownBy(() -> MetadataFilter.of(Map.of("metadata.k", List.of("1", "2"))))
                .isInstanceOf(LedgerRequestException.class).hasMessageContaining("once");
        assertThatThrownBy(() -> MetadataFilter.of(Map.of("metadata.", List.of("1"))))
                .isInstanceOf(LedgerRequestException.class);
        assertThatThrownBy(() -> MetadataFilter.of(Map.of("metadata.k", List.of("a\tb"))))
                .isInstanceOf(LedgerRequestException.class);
    }
}
