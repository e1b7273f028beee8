package dev.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ConsistencyTokenTest {

    @Test
    void shouldEncodeAsAggregateIdAtSequence() {
        assertThat(new ConsistencyToken("acc-1", 7).encode()).isEqualTo("acc-1@7");
        assertThat(new ConsistencyToken("acc-1", 7)).hasToString("acc-1@7");
    }

    @Test
    void shouldParseItsOwnWireForm() {
        assertThat(ConsistencyToken.parse("acc-1@7")).contains(new ConsistencyToken("acc-1", 7));
    }

    @Test
    void shouldParseTheLargestSequence() {
        String text = "acc-1@" + Long.MAX_VALUE;
        assertThat(ConsistencyToken.parse(text)).contains(new ConsistencyToken("acc-1", Long.MAX_VALUE));
    }

    @Test
    void shouldParseIdsWithEveryAllowedPunctuation() {
        assertThat(ConsistencyToken.parse("a.b_c:d-e@0")).contains(new ConsistencyToken("a.b_c:d-e", 0));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"acc-1", "@5", "acc-1@", "acc-1@x5", "acc-1@5x", "acc-1@-5", "acc-1@+5", "acc 1@5",
            "acc/1@5", "acc@1@2", "acc-1@ 5"})
    void shouldRejectMalformedTokens(String text) {
        assertThat(ConsistencyToken.parse(text)).isEmpty();
    }

    @Test
    void shouldRejectAnIdLongerThanSixtyFourCharacters() {
        assertThat(ConsistencyToken.parse("a".repeat(64) + "@1")).isPresent();
        assertThat(ConsistencyToken.parse("a".repeat(65) + "@1")).isEmpty();
    }

    // Known bug, reported: a 19-digit sequence above Long.MAX_VALUE passes the length check and then
    // Long.parseLong throws NumberFormatException, so a client's ?after= would surface as a 500, not a 400.
    @Test
    void shouldRejectASequenceAboveTheLargestLong() {
        assertThat(ConsistencyToken.parse("acc-1@9999999999999999999")).isEmpty();
    }

    // Known bug, reported: Character.isDigit accepts non-ASCII digits, which Long.parseLong also reads,
    // so "acc-1@\u0663" (Arabic-Indic three) is accepted as acc-1@3 although it is not the wire form.
    @Test
    void shouldRejectNonAsciiDigits() {
        assertThat(ConsistencyToken.parse("acc-1@\u0663")).isEmpty();
    }

    @Test
    void shouldRefuseANegativeSequence() {
        assertThatThrownBy(() -> new ConsistencyToken("acc-1", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"acc@1", "acc 1", "acc/1"})
    void shouldRefuseAnInvalidAggregateId(String id) {
        assertThatThrownBy(() -> new ConsistencyToken(id, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
