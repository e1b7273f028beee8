package dev.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    private static Money eur(long amount) {
        return new Money(amount, "EUR");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "XYZ", "eur", "Eur", "EURO", "EU", "E1R"})
    void shouldRejectAnythingButAKnownUpperCaseCurrencyCode(String code) {
        assertThat(Money.isCurrency(code)).isFalse();
        assertThatThrownBy(() -> new Money(1, code)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.requireCurrency(code)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EUR", "USD", "CHF", "JPY"})
    void shouldAcceptKnownCurrencyCodes(String code) {
        assertThat(Money.isCurrency(code)).isTrue();
        assertThat(new Money(0, code).currency()).isEqualTo(code);
    }

    @Test
    void shouldAcceptOperationAmountsFromOneMinorUnitUpToTheMaximum() {
        assertThat(eur(1).withinOperationLimits()).isTrue();
        assertThat(eur(Money.MAX_OPERATION_AMOUNT).withinOperationLimits()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE, Money.MAX_OPERATION_AMOUNT + 1, Long.MAX_VALUE})
    void shouldRejectOperationAmountsThatAreNotPositiveOrAboveTheMaximum(long amount) {
        assertThat(eur(amount).withinOperationLimits()).isFalse();
    }

    @Test
    void shouldPrintAmountAndCurrency() {
        assertThat(eur(-1250)).hasToString("-1250 EUR");
    }
}
