package dev.ledger.api;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Rules for identifiers that clients may choose (accounts, transfers): at most 64 characters of
 * {@code [A-Za-z0-9._:-]}, so an id is safe in a URL path, a log line and a header without escaping.
 */
public final class LedgerIds {

    public static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    /** Prefix of the per-currency system accounts that deposits and withdrawals post against. */
    public static final String SYSTEM_ACCOUNT_PREFIX = "world:";

    /** Prefix of the per-currency transit accounts that hold transfers between their credit and debit legs. */
    public static final String TRANSIT_ACCOUNT_PREFIX = "transit:";

    private LedgerIds() {
    }

    /** Whether {@code id} is a syntactically valid client-chosen id. */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** A fresh server-generated id. */
    public static String generate() {
        return UUID.randomUUID().toString();
    }

    /** The id of the system account for {@code currency}, e.g. {@code world:EUR}. */
    public static String systemAccountOf(String currency) {
        return SYSTEM_ACCOUNT_PREFIX + Money.requireCurrency(currency);
    }

    /** The id of the transit account for {@code currency}, e.g. {@code transit:EUR}. */
    public static String transitAccountOf(String currency) {
        return TRANSIT_ACCOUNT_PREFIX + Money.requireCurrency(currency);
    }

    /** Whether {@code id} names a system (world or transit) account; clients cannot open or post to those. */
    public static boolean isSystemAccount(String id) {
        return id != null && (id.startsWith(SYSTEM_ACCOUNT_PREFIX) || id.startsWith(TRANSIT_ACCOUNT_PREFIX));
    }

    /**
     * Whether a new account may not take {@code id}: a system account's prefix in any letter case, so nobody can
     * open {@code World:EUR} and pass it off as the ledger's own in a statement or a screen.
     */
    public static boolean isReservedForSystem(String id) {
        if (id == null) {
            return false;
        }
        String lower = id.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith(SYSTEM_ACCOUNT_PREFIX) || lower.startsWith(TRANSIT_ACCOUNT_PREFIX);
    }
}
