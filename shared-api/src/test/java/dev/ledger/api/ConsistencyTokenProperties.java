package dev.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** The token a command returns is always readable by the query side, and nothing else is. */
class ConsistencyTokenProperties {

    private static final String ID_PUNCTUATION = "._:-";

    @Property
    void encodedTokensParseBackToThemselves(@ForAll("validIds") String id,
                                            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long sequence) {
        ConsistencyToken token = new ConsistencyToken(id, sequence);

        assertThat(ConsistencyToken.parse(token.encode())).contains(token);
    }

    @Property
    void textWithoutASeparatorIsRejected(@ForAll String text) {
        String withoutSeparator = text.replace("@", "");

        assertThat(ConsistencyToken.parse(withoutSeparator)).isEmpty();
    }

    @Property
    void anIdWithAForbiddenCharacterIsRejected(@ForAll("idsWithAForbiddenCharacter") String id,
                                               @ForAll @LongRange(min = 0, max = 1_000_000) long sequence) {
        assertThat(ConsistencyToken.parse(id + "@" + sequence)).isEmpty();
    }

    @Property
    void aSequenceWithANonDigitIsRejected(@ForAll("validIds") String id,
                                          @ForAll("sequencesWithANonDigit") String sequence) {
        assertThat(ConsistencyToken.parse(id + "@" + sequence)).isEmpty();
    }

    @Property
    void parsingNeverThrowsOnArbitraryText(@ForAll String text) {
        Optional<ConsistencyToken> parsed = ConsistencyToken.parse(text);

        // Whatever is accepted names a valid token (the record refuses anything else) and is stable.
        parsed.ifPresent(token -> assertThat(ConsistencyToken.parse(token.encode())).contains(token));
    }

    // --- position tokens (@<position>): the other wire form the query side accepts ------------------------------

    @Property
    void encodedPositionTokensParseBackToThemselves(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long position) {
        PositionToken token = new PositionToken(position);

        assertThat(PositionToken.parse(token.encode())).contains(token);
        // and never as an aggregate's token: the two forms cannot be confused
        assertThat(ConsistencyToken.parse(token.encode())).isEmpty();
    }

    @Property
    void anAggregateTokenIsNeverAPositionToken(@ForAll("validIds") String id,
                                               @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long sequence) {
        assertThat(PositionToken.parse(new ConsistencyToken(id, sequence).encode())).isEmpty();
    }

    @Property
    void aPositionWithANonDigitIsRejected(@ForAll("sequencesWithANonDigit") String position) {
        assertThat(PositionToken.parse("@" + position)).isEmpty();
    }

    @Property
    void parsingAPositionNeverThrowsOnArbitraryText(@ForAll String text) {
        Optional<PositionToken> parsed = PositionToken.parse(text);

        parsed.ifPresent(token -> {
            assertThat(token.position()).isNotNegative();
            assertThat(PositionToken.parse(token.encode())).contains(token);
        });
    }

    @Provide
    Arbitrary<String> validIds() {
        return Arbitraries.strings()
                          .withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                          .withChars(ID_PUNCTUATION)
                          .ofMinLength(1).ofMaxLength(LedgerIds.MAX_LENGTH);
    }

    @Provide
    Arbitrary<String> idsWithAForbiddenCharacter() {
        Arbitrary<String> shortValid = validIds().map(id -> id.substring(0, Math.min(id.length(), 20)));
        Arbitrary<Character> forbidden = Arbitraries.chars()
                                                    .filter(c -> c != '@' && !isIdChar(c));
        return Combinators.combine(shortValid, forbidden, shortValid).as((a, c, b) -> a + c + b);
    }

    @Provide
    Arbitrary<String> sequencesWithANonDigit() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMaxLength(8);
        // Unicode digits other than 0-9 are excluded here: see ConsistencyTokenTest.shouldRejectNonAsciiDigits.
        Arbitrary<Character> nonDigit = Arbitraries.chars().filter(c -> !Character.isDigit(c));
        return Combinators.combine(digits, nonDigit, digits).as((a, c, b) -> a + c + b);
    }

    private static boolean isIdChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
               || ID_PUNCTUATION.indexOf(c) >= 0;
    }
}
