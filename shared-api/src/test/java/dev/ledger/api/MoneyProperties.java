package dev.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Why the bound on one operation's amount exists. */
class MoneyProperties {

    @Property
    void operationAmountsWithinBoundsNeverOverflowASumOfThousands(@ForAll("operationAmounts") long amount) {
        // 9000 maximal operations still fit in a long
        long total = 0;
        for (int i = 0; i < 9000; i++) {
            total = Math.addExact(total, new Money(amount, "EUR").amount());
        }
        assertThat(total).isEqualTo(amount * 9000);
    }

    @Provide
    Arbitrary<Long> operationAmounts() {
        return Arbitraries.longs().between(1, Money.MAX_OPERATION_AMOUNT);
    }
}
