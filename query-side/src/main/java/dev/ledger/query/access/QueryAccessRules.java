package dev.ledger.query.access;

import static dev.ledger.platform.security.EndpointAccess.anyMethod;
import static dev.ledger.platform.security.EndpointAccess.get;
import static dev.ledger.platform.security.LedgerRole.AUDITOR;
import static dev.ledger.platform.security.LedgerRole.COMPLIANCE;
import static dev.ledger.platform.security.LedgerRole.HOLDER;
import static dev.ledger.platform.security.LedgerRole.OPERATOR;
import static dev.ledger.platform.security.LedgerRole.TREASURY;

import dev.ledger.platform.security.AccessRules;
import dev.ledger.platform.security.EndpointAccess;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The query side's endpoint × role table. Reads of accounts and transfers are open to holders, compliance and
 * auditors; what a holder gets back is narrowed to its own accounts and the transfers it is a party to by the read
 * models themselves (every query carries the caller's visible owner), so a rule here never has to know whose id a
 * path names. {@code /admin} is for operators; auditors may look but not touch (no replay, retry, eviction or
 * reconciliation). Anything not named here, another method on a read path included, is denied by the platform.
 */
@Component
class QueryAccessRules implements AccessRules {

    @Override
    public List<EndpointAccess> endpoints() {
        return List.of(
                get("/accounts", "/accounts/*", "/accounts/*/entries", "/accounts/*/balance", "/transfers",
                    "/transfers/*").allow(HOLDER, COMPLIANCE, AUDITOR),
                // treasury captures authorizations, so it reads them too; holders get only their own accounts' ones
                get("/authorizations/*", "/accounts/*/authorizations").allow(HOLDER, COMPLIANCE, AUDITOR, TREASURY),
                get("/admin/**").allow(OPERATOR, AUDITOR),
                // replays, dead-letter retries and evictions, reconciliation runs: they change what the read models hold
                anyMethod("/admin/**").allow(OPERATOR));
    }
}
