package dev.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Labels within the bounds are accepted as they are; anything outside them is refused, and nothing throws else. */
class MetadataProperties {

    @Property
    void labelsWithinTheBoundsAreKeptExactly(@ForAll("validLabels") Map<String, String> labels) {
        Metadata metadata = Metadata.of(labels);

        assertThat(Metadata.violation(labels)).isEmpty();
        assertThat(metadata.entries()).isEqualTo(labels);
        assertThat(java.util.List.copyOf(metadata.entries().keySet())).isSorted();
        assertThat(Metadata.of(metadata.entries())).isEqualTo(metadata);
    }

    @Property
    void moreThanSixteenKeysAreRefused(@ForAll("tooManyLabels") Map<String, String> labels) {
        assertThat(Metadata.violation(labels)).hasValueSatisfying(v -> assertThat(v).contains("at most 16"));
        assertThatThrownBy(() -> Metadata.of(labels)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void aKeyOutsideTheIdAlphabetIsRefused(@ForAll("invalidKeys") String key, @ForAll("validValues") String value) {
        Map<String, String> labels = new HashMap<>();
        labels.put(key, value);

        assertThat(Metadata.violation(labels)).isPresent();
        assertThatThrownBy(() -> Metadata.of(labels)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void aValueWithAControlCharacterIsRefused(@ForAll("validValues") String value,
                                              @ForAll("controlCharacters") char control) {
        String withControl = value.isEmpty() ? String.valueOf(control)
                : value.substring(0, value.length() / 2) + control + value.substring(value.length() / 2);
        if (withControl.codePointCount(0, withControl.length()) > Metadata.MAX_VALUE_LENGTH) {
            withControl = control + "x";
        }

        assertThat(Metadata.violation("k", withControl)).hasValueSatisfying(
                v -> assertThat(v).contains("control character"));
    }

    @Property
    void aValueOverTwoHundredFiftySixCodePointsIsRefused(@ForAll("validValues") String value) {
        String tooLong = value + "é".repeat(Metadata.MAX_VALUE_LENGTH + 1 - value.codePointCount(0, value.length()));

        assertThat(Metadata.violation("k", tooLong)).hasValueSatisfying(v -> assertThat(v).contains("longer"));
    }

    @Property
    void checkingNeverThrowsOnAnyStrings(@ForAll String key, @ForAll String value) {
        Optional<String> violation = Metadata.violation(key, value);

        if (violation.isEmpty()) {
            assertThat(Metadata.of(Map.of(key, value)).entries()).containsEntry(key, value);
        } else {
            assertThatThrownBy(() -> Metadata.of(Map.of(key, value))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Provide
    Arbitrary<Map<String, String>> validLabels() {
        return Arbitraries.maps(validKeys(), validValues()).ofMaxSize(Metadata.MAX_ENTRIES);
    }

    @Provide
    Arbitrary<Map<String, String>> tooManyLabels() {
        return Arbitraries.maps(validKeys(), validValues()).ofMinSize(Metadata.MAX_ENTRIES + 1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<String> validKeys() {
        return Arbitraries.strings().withChars("abcXYZ019._:-").ofMinLength(1).ofMaxLength(LedgerIds.MAX_LENGTH);
    }

    @Provide
    Arbitrary<String> invalidKeys() {
        Arbitrary<String> tooLong = Arbitraries.strings().withChars("ab").ofLength(LedgerIds.MAX_LENGTH + 1);
        Arbitrary<String> forbidden = Arbitraries.strings().withChars("ab").ofMaxLength(10)
                                                 .flatMap(prefix -> Arbitraries.of(" ", "/", "=", "&", "ü", "\"",
                                                                                   "\u0000", "\n")
                                                                               .map(bad -> prefix + bad));
        return Arbitraries.oneOf(tooLong, forbidden, Arbitraries.just(""));
    }

    @Provide
    Arbitrary<String> validValues() {
        // printable ASCII, Latin, CJK, and emoji (surrogate pairs), up to the bound in code points
        Arbitrary<String> codePoints = Arbitraries.oneOf(Arbitraries.chars().range(' ', '~').map(String::valueOf),
                                                         Arbitraries.chars().range('\u00a0', '\u024f')
                                                                    .map(String::valueOf),
                                                         Arbitraries.chars().range('\u4e00', '\u4fff')
                                                                    .map(String::valueOf),
                                                         Arbitraries.integers().between(0x1F600, 0x1F64F)
                                                                    .map(Character::toString));
        return codePoints.list().ofMaxSize(Metadata.MAX_VALUE_LENGTH).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<Character> controlCharacters() {
        return Arbitraries.oneOf(Arbitraries.chars().range('\u0000', '\u001f'), Arbitraries.just('\u007f'),
                                 Arbitraries.chars().range('\u0080', '\u009f'));
    }
}
