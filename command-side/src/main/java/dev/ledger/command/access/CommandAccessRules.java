package dev.ledger.command.access;

import static dev.ledger.platform.security.EndpointAccess.get;
import static dev.ledger.platform.security.EndpointAccess.post;
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
 * Which role may send which command. Ownership (a holder pays only out of its own accounts, opens only its own,
 * without overdraft) and four eyes (nobody reviews its own transfer) are decided by the handlers, which know the
 * accounts; this table only decides who may knock. The README's roles table mirrors it.
 */
@Component
public class CommandAccessRules implements AccessRules {

    @Override
    public List<EndpointAccess> endpoints() {
        return List.of(
                post("/accounts").allow(HOLDER, TREASURY),
                post("/accounts/*/deposits", "/accounts/*/withdrawals").allow(TREASURY),
                post("/accounts/*/freeze", "/accounts/*/unfreeze").allow(COMPLIANCE),
                post("/accounts/*/close").allow(OPERATOR),
                post("/transfers").allow(HOLDER),
                // a refund pays out of the original's destination: its owner, a holder, as for a transfer
                post("/transfers/*/refunds").allow(HOLDER),
                post("/transfers/*/review").allow(COMPLIANCE),
                post("/accounts/*/authorizations", "/authorizations/*/void").allow(HOLDER),
                post("/authorizations/*/captures").allow(HOLDER, TREASURY),
                get("/admin/**").allow(OPERATOR, AUDITOR));
    }
}
