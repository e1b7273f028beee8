package dev.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PositionTokenTest {

    @Test
    void shouldEncodeAsAtPosition() {
        assertThat(new PositionToken(1234).encode()).isEqualTo("@1234");
        assertThat(PositionToken.parse("@1234")).contains(new PositionToken(1234));
        assertThat(PositionToken.parse("@0")).contains(new PositionToken(0));
        assertThat(PositionToken.parse("@" + Long.MAX_VALUE)).contains(new PositionToken(Long.MAX_VALUE));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"@", "1234", "acc-1@7", "@-1", "@+1", "@ 1", "@1 ", "@1x", "@@1", "@9999999999999999999",
            "@00000000000000000001", "@\u0663"})
    void shouldRejectMalformedPositions(String text) {
        assertThat(PositionToken.parse(text)).isEmpty();
    }

    @Test
    void shouldTellItsShapeFromAnAggregateToken() {
        assertThat(PositionToken.looksLikeOne("@x")).isTrue();
        assertThat(PositionToken.looksLikeOne("acc-1@7")).isFalse();
        assertThat(PositionToken.looksLikeOne(null)).isFalse();
    }

    @Test
    void shouldRefuseANegativePosition() {
        assertThatThrownBy(() -> new PositionToken(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
