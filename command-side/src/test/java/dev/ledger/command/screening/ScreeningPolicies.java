package dev.ledger.command.screening;

import dev.ledger.command.directory.TransferDirectory;
import java.time.Clock;

/**
 * Lets tests outside this package build a real {@link ScreeningPolicy}, whose constructors are package-private so
 * that production code gets it only from Spring.
 */
public final class ScreeningPolicies {

    private ScreeningPolicies() {
    }

    public static ScreeningPolicy of(ScreeningProperties rules, TransferDirectory transfers, Clock clock) {
        return new ScreeningPolicy(rules, transfers, clock);
    }
}
