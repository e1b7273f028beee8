package dev.ledger.platform.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller may do, granted by the issuer as a scope ({@code ledger.holder}) or a role claim ({@code holder}).
 * A token may carry several; each adds permissions, none takes any away.
 */
public enum LedgerRole {

    /** A client application acting for its customers: owns the accounts it opens, pays out of them. */
    HOLDER("A client application acting for its customers: owns the accounts it opens, pays out of them."),
    /** Money entering and leaving the ledger (deposits, withdrawals) and overdraft limits. */
    TREASURY("Money entering and leaving the ledger (deposits, withdrawals), overdraft limits, captures."),
    /** Reviews (four eyes), freeze and unfreeze; reads everything. */
    COMPLIANCE("Reviews screened transfers (four eyes), freezes and unfreezes accounts; reads everything."),
    /** Runs the service: {@code /admin}, closing accounts, actuator details and metrics. */
    OPERATOR("Runs the service: processors, replays, dead letters, reconciliation, closing accounts."),
    /** Reads everything, changes nothing. */
    AUDITOR("Reads everything, changes nothing.");

    private static final String SCOPE_PREFIX = "ledger.";

    private final String description;

    LedgerRole(String description) {
        this.description = description;
    }

    /** What the role is for, in one sentence for the API reference. */
    public String description() {
        return description;
    }

    /** The Spring Security authority ({@code ROLE_HOLDER}) that {@code hasRole("HOLDER")} checks. */
    public String authority() {
        return "ROLE_" + name();
    }

    public String scope() {
        return SCOPE_PREFIX + name().toLowerCase(Locale.ROOT);
    }

    /** {@code ledger.holder} (a scope) or {@code holder} / {@code HOLDER} (a role claim); anything else is none. */
    public static Optional<LedgerRole> fromClaimValue(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String name = value.startsWith(SCOPE_PREFIX) ? value.substring(SCOPE_PREFIX.length()) : value;
        for (LedgerRole role : values()) {
            if (role.name().equalsIgnoreCase(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
