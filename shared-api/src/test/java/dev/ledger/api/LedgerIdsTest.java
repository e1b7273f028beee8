package dev.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LedgerIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "acc-1", "A.b_C:d-9", "world:EUR"})
    void shouldAcceptIdsOfAllowedCharacters(String id) {
        assertThat(LedgerIds.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"acc 1", "acc/1", "acc@1", "acc?1", "acc%201", "äcc"})
    void shouldRejectIdsWithOtherCharacters(String id) {
        assertThat(LedgerIds.isValid(id)).isFalse();
    }

    @Test
    void shouldRejectIdsLongerThanTheMaximum() {
        assertThat(LedgerIds.isValid("a".repeat(LedgerIds.MAX_LENGTH))).isTrue();
        assertThat(LedgerIds.isValid("a".repeat(LedgerIds.MAX_LENGTH + 1))).isFalse();
    }

    @Test
    void shouldGenerateValidDistinctIds() {
        String first = LedgerIds.generate();
        assertThat(LedgerIds.isValid(first)).isTrue();
        assertThat(LedgerIds.generate()).isNotEqualTo(first);
    }

    @Test
    void shouldNameTheSystemAccountOfACurrency() {
        assertThat(LedgerIds.systemAccountOf("EUR")).isEqualTo("world:EUR");
        assertThat(LedgerIds.isSystemAccount("world:EUR")).isTrue();
        assertThat(LedgerIds.isSystemAccount("acc-1")).isFalse();
        assertThat(LedgerIds.isSystemAccount(null)).isFalse();
    }

    @Test
    void shouldRefuseASystemAccountForAnUnknownCurrency() {
        assertThatThrownBy(() -> LedgerIds.systemAccountOf("XYZ")).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void shouldReserveTheSystemPrefixesInAnyLetterCaseForNewAccounts() {
        org.assertj.core.api.Assertions.assertThat(LedgerIds.isReservedForSystem("World:EUR-x")).isTrue();
        org.assertj.core.api.Assertions.assertThat(LedgerIds.isReservedForSystem("TRANSIT:USD")).isTrue();
        org.assertj.core.api.Assertions.assertThat(LedgerIds.isReservedForSystem("worldly-acc")).isFalse();
        org.assertj.core.api.Assertions.assertThat(LedgerIds.isSystemAccount("World:EUR-x")).isFalse();
    }
}
