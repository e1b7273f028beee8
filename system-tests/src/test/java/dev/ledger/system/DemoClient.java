package dev.ledger.system;

/**
 * The demo clients the README's tour plays (built into the authorization server, one per role and two where two
 * parties must act), so that a test calls the API as those callers and with exactly their one scope, not with the
 * every-role client.
 */
enum DemoClient {

    HOLDER("ledger-holder", "holder-secret", "ledger.holder"),
    HOLDER_2("ledger-holder-2", "holder-2-secret", "ledger.holder"),
    TREASURY("ledger-treasury", "treasury-secret", "ledger.treasury"),
    COMPLIANCE("ledger-compliance", "compliance-secret", "ledger.compliance"),
    COMPLIANCE_2("ledger-compliance-2", "compliance-2-secret", "ledger.compliance"),
    OPERATOR("ledger-operator", "operator-secret", "ledger.operator"),
    AUDITOR("ledger-auditor", "auditor-secret", "ledger.auditor");

    private final String clientId;
    private final String secret;
    private final String scope;

    DemoClient(String clientId, String secret, String scope) {
        this.clientId = clientId;
        this.secret = secret;
        this.scope = scope;
    }

    /** The token's subject: the owner of what this client opens, the requester of what it asks for. */
    String clientId() {
        return clientId;
    }

    String scope() {
        return scope;
    }

    /** {@code Bearer <token>}, renewed by the identity provider before it expires. */
    String bearer() {
        return IdentityProvider.shared().bearer(clientId, secret);
    }

    /** The first demo client holding the scope (the one the README's tour uses for that role). */
    static DemoClient withScope(String scope) {
        for (DemoClient client : values()) {
            if (client.scope.equals(scope)) {
                return client;
            }
        }
        throw new IllegalArgumentException("no demo client holds " + scope);
    }
}
