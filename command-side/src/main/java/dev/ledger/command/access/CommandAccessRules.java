package dev.ledger.command.access;

import static dev.ledger.platform.security.LedgerRole.AUDITOR;
import static dev.ledger.platform.security.LedgerRole.COMPLIANCE;
import static dev.ledger.platform.security.LedgerRole.HOLDER;
import static dev.ledger.platform.security.LedgerRole.OPERATOR;
import static dev.ledger.platform.security.LedgerRole.TREASURY;

import dev.ledger.platform.security.AccessRules;
import dev.ledger.platform.security.LedgerRole;
import java.util.Arrays;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Which role may send which command. Ownership (a holder pays only out of its own accounts, opens only its own,
 * without overdraft) and four eyes (nobody reviews its own transfer) are decided by the handlers, which know the
 * accounts; this table only decides who may knock. The README's roles table mirrors it.
 */
@Component
public class CommandAccessRules implements AccessRules {

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry endpoints) {
        endpoints.requestMatchers(HttpMethod.POST, "/accounts").hasAnyRole(names(HOLDER, TREASURY))
                 .requestMatchers(HttpMethod.POST, "/accounts/*/deposits", "/accounts/*/withdrawals")
                 .hasRole(TREASURY.name())
                 .requestMatchers(HttpMethod.POST, "/accounts/*/freeze", "/accounts/*/unfreeze")
                 .hasRole(COMPLIANCE.name())
                 .requestMatchers(HttpMethod.POST, "/accounts/*/close").hasRole(OPERATOR.name())
                 .requestMatchers(HttpMethod.POST, "/transfers").hasRole(HOLDER.name())
                 // a refund pays out of the original's destination: its owner, a holder, as for a transfer
                 .requestMatchers(HttpMethod.POST, "/transfers/*/refunds").hasRole(HOLDER.name())
                 .requestMatchers(HttpMethod.POST, "/transfers/*/review").hasRole(COMPLIANCE.name())
                 .requestMatchers(HttpMethod.POST, "/accounts/*/authorizations", "/authorizations/*/void")
                 .hasRole(HOLDER.name())
                 .requestMatchers(HttpMethod.POST, "/authorizations/*/captures").hasAnyRole(names(HOLDER, TREASURY))
                 .requestMatchers(HttpMethod.GET, "/admin/**").hasAnyRole(names(OPERATOR, AUDITOR));
    }

    private static String[] names(LedgerRole... roles) {
        return Arrays.stream(roles).map(Enum::name).toArray(String[]::new);
    }
}
