package dev.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Money arithmetic is exact: either the mathematically right answer or an exception, never a wrap-around. */
class MoneyProperties {

    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    @Property
    void plusIsExactOrThrows(@ForAll long a, @ForAll long b) {
        BigInteger exact = BigInteger.valueOf(a).add(BigInteger.valueOf(b));
        if (fitsInLong(exact)) {
            assertThat(new Money(a, "EUR").plus(new Money(b, "EUR"))).isEqualTo(new Money(exact.longValue(), "EUR"));
        } else {
            assertThatThrownBy(() -> new Money(a, "EUR").plus(new Money(b, "EUR")))
                    .isInstanceOf(ArithmeticException.class);
        }
    }

    @Property
    void minusIsExactOrThrows(@ForAll long a, @ForAll long b) {
        BigInteger exact = BigInteger.valueOf(a).subtract(BigInteger.valueOf(b));
        if (fitsInLong(exact)) {
            assertThat(new Money(a, "EUR").minus(new Money(b, "EUR"))).isEqualTo(new Money(exact.longValue(), "EUR"));
        } else {
            assertThatThrownBy(() -> new Money(a, "EUR").minus(new Money(b, "EUR")))
                    .isInstanceOf(ArithmeticException.class);
        }
    }

    @Property
    void minusUndoesPlus(@ForAll long a, @ForAll long b) {
        Assume.that(fitsInLong(BigInteger.valueOf(a).add(BigInteger.valueOf(b))));
        Money start = new Money(a, "CHF");
        Money delta = new Money(b, "CHF");
        assertThat(start.plus(delta).minus(delta)).isEqualTo(start);
    }

    @Property
    void operationAmountsWithinBoundsNeverOverflowASumOfThousands(
            @ForAll("operationAmounts") long amount) {
        // Why the bound exists: 9000 maximal operations still fit in a long.
        Money total = Money.zero("EUR");
        for (int i = 0; i < 9000; i++) {
            total = total.plus(new Money(amount, "EUR"));
        }
        assertThat(total.amount()).isEqualTo(amount * 9000);
    }

    @Property
    void currenciesAreNeverMixed(@ForAll long a, @ForAll long b,
                                 @ForAll("currencyPairs") String[] currencies) {
        Money left = new Money(a, currencies[0]);
        Money right = new Money(b, currencies[1]);
        assertThatThrownBy(() -> left.plus(right)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> left.minus(right)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> left.isLessThan(right)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<Long> operationAmounts() {
        return Arbitraries.longs().between(1, Money.MAX_OPERATION_AMOUNT);
    }

    @Provide
    Arbitrary<String[]> currencyPairs() {
        Arbitrary<String> codes = Arbitraries.of("EUR", "USD", "GBP", "CHF", "JPY", "SEK");
        return codes.array(String[].class).ofSize(2).uniqueElements();
    }

    private static boolean fitsInLong(BigInteger value) {
        return value.compareTo(MIN) >= 0 && value.compareTo(MAX) <= 0;
    }
}
