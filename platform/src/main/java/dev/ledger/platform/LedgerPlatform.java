package dev.ledger.platform;

/**
 * Process-wide settings both services apply before Spring starts.
 */
public final class LedgerPlatform {

    private LedgerPlatform() {
    }

    /**
     * A ledger makes no calls home: Axon's update checker would contact a vendor host at start-up. The
     * auto-configuration is excluded in each application.yml as well; the system property also covers code
     * paths that bypass Spring.
     */
    public static void prepare() {
        if (System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }
}
