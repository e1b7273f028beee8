package dev.ledger.api;

import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money in integer minor units (cents for EUR) of one ISO-4217 currency.
 * <p>
 * There is no floating point anywhere in the ledger: arithmetic is exact and overflow is an error, never a
 * wrap-around. Two amounts of different currencies are never added; trying to is a programming error.
 *
 * @param amount   minor units; may be negative when it is a balance
 * @param currency upper-case ISO-4217 code, e.g. {@code EUR}
 */
public record Money(long amount, String currency) {

    /**
     * Upper bound for one operation's amount (10^15 minor units, ten trillion euros). Well below
     * {@link Long#MAX_VALUE}, so a ledger of many accounts at this bound still sums without overflow.
     */
    public static final long MAX_OPERATION_AMOUNT = 1_000_000_000_000_000L;

    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    public Money {
        requireCurrency(currency);
    }

    /** A zero balance in the given currency. */
    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    /**
     * Checks that {@code code} is an upper-case ISO-4217 code known to the JDK.
     *
     * @throws IllegalArgumentException when it is not
     */
    public static String requireCurrency(String code) {
        if (code == null || !CURRENCY_CODE.matcher(code).matches() || !isKnownCurrency(code)) {
            throw new IllegalArgumentException("not an ISO-4217 currency code: " + code);
        }
        return code;
    }

    /** Whether {@code code} is an upper-case ISO-4217 code known to the JDK. */
    public static boolean isCurrency(String code) {
        return code != null && CURRENCY_CODE.matcher(code).matches() && isKnownCurrency(code);
    }

    private static boolean isKnownCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    /**
     * Whether this is a valid amount for one deposit, withdrawal or transfer: positive and within bounds. (Not
     * named like a getter, so it never becomes a field of a serialized event.)
     */
    public boolean withinOperationLimits() {
        return amount > 0 && amount <= MAX_OPERATION_AMOUNT;
    }

    /** @throws ArithmeticException on overflow; IllegalArgumentException when currencies differ */
    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(amount, other.amount), currency);
    }

    /** @throws ArithmeticException on overflow; IllegalArgumentException when currencies differ */
    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(amount, other.amount), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(amount), currency);
    }

    public boolean isLessThan(Money other) {
        requireSameCurrency(other);
        return amount < other.amount;
    }

    private void requireSameCurrency(Money other) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }

    @Override
    public String toString() {
        return amount + " " + currency;
    }
}
