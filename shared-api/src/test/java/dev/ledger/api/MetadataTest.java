package dev.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MetadataTest {

    @Test
    void nullIsNoLabels() {
        assertThat(Metadata.of(null)).isEqualTo(Metadata.EMPTY);
        assertThat(new Metadata(null).isEmpty()).isTrue();
        assertThat(Metadata.violation(null)).isEmpty();
    }

    @Test
    void exactlyTheBoundsAreAccepted() {
        Map<String, String> sixteen = new HashMap<>();
        for (int i = 0; i < Metadata.MAX_ENTRIES; i++) {
            sixteen.put("k" + i, "v");
        }
        sixteen.put("k0", "x".repeat(256));
        sixteen.put("a".repeat(64), "");

        sixteen.remove("k1");
        assertThat(Metadata.of(sixteen).entries()).hasSize(16);
    }

    @Test
    void aValueOfTwoHundredFiftySixEmojiIsWithinTheBound() {
        String emoji = "\uD83D\uDE00".repeat(256);

        assertThat(Metadata.violation("k", emoji)).isEmpty();
        assertThat(Metadata.violation("k", emoji + "a")).isPresent();
    }

    @Test
    void aNullValueOrKeyIsRefusedWithoutANullPointerException() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("k", null);
        Map<String, String> nullKey = new HashMap<>();
        nullKey.put(null, "v");

        assertThatThrownBy(() -> Metadata.of(nullValue)).isInstanceOf(IllegalArgumentException.class)
                                                          .hasMessageContaining("no value");
        assertThatThrownBy(() -> Metadata.of(nullKey)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unpairedSurrogatesAreRefused() {
        assertThat(Metadata.violation("k", "a\uD83D")).isPresent();
        assertThat(Metadata.violation("k", "\uDE00a")).isPresent();
        assertThat(Metadata.violation("k", "\uD83Da")).isPresent();
    }

    @Test
    void entriesAreSortedNaturallyAndCannotBeChanged() {
        TreeMap<String, String> reversed = new TreeMap<>(java.util.Comparator.reverseOrder());
        reversed.put("a", "1");
        reversed.put("b", "2");

        Metadata metadata = new Metadata(reversed);

        assertThat(metadata.entries().firstKey()).isEqualTo("a");
        assertThat(metadata).isEqualTo(Metadata.of(Map.of("b", "2", "a", "1")));
        assertThatThrownBy(() -> metadata.entries().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
        reversed.put("c", "3");
        assertThat(metadata.entries()).doesNotContainKey("c");
    }
}
