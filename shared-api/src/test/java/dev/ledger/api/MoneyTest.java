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

    @Test
    void shouldAddAmountsOfTheSameCurrency() {
        assertThat(eur(150).plus(eur(250))).isEqualTo(eur(400));
    }

    @Test
    void shouldSubtractBelowZeroBecauseABalanceMayBeNegative() {
        assertThat(eur(100).minus(eur(250))).isEqualTo(eur(-150));
    }

    @Test
    void shouldRefuseToAddAmountsOfDifferentCurrencies() {
        assertThatThrownBy(() -> eur(1).plus(new Money(1, "USD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("currency mismatch");
    }

    @Test
    void shouldRefuseToSubtractAmountsOfDifferentCurrencies() {
        assertThatThrownBy(() -> eur(1).minus(new Money(1, "USD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("currency mismatch");
    }

    @Test
    void shouldRefuseToCompareAmountsOfDifferentCurrencies() {
        assertThatThrownBy(() -> eur(1).isLessThan(new Money(2, "USD")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldThrowInsteadOfWrappingWhenAdditionOverflows() {
        assertThatThrownBy(() -> eur(Long.MAX_VALUE).plus(eur(1))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void shouldThrowInsteadOfWrappingWhenSubtractionOverflows() {
        assertThatThrownBy(() -> eur(Long.MIN_VALUE).minus(eur(1))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void shouldThrowInsteadOfWrappingWhenNegatingTheSmallestAmount() {
        assertThatThrownBy(() -> eur(Long.MIN_VALUE).negate()).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void shouldNegateAnAmount() {
        assertThat(eur(42).negate()).isEqualTo(eur(-42));
    }

    @Test
    void shouldCompareAmountsOfTheSameCurrency() {
        assertThat(eur(1).isLessThan(eur(2))).isTrue();
        assertThat(eur(2).isLessThan(eur(2))).isFalse();
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
        assertThat(Money.zero(code)).isEqualTo(new Money(0, code));
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
