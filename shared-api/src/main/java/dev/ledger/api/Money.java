package dev.ledger.api;

import java.util.Currency;
import java.util.regex.Pattern;

/**
 * An amount of money in integer minor units (cents for EUR) of one ISO-4217 currency.
 * <p>
 * There is no floating point anywhere in the ledger. The arithmetic is the account's ({@code Funds} on the
 * command side: exact, overflow an error, never a wrap-around, one currency per account); this type only carries
 * an amount with its currency across the contract.
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

    @Override
    public String toString() {
        return amount + " " + currency;
    }
}
