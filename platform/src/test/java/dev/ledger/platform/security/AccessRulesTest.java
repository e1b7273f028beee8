package dev.ledger.platform.security;

import static dev.ledger.platform.security.EndpointAccess.anyMethod;
import static dev.ledger.platform.security.EndpointAccess.get;
import static dev.ledger.platform.security.EndpointAccess.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** The rows the API description reads its roles from decide as Spring Security applies them: first match wins. */
class AccessRulesTest {

    private final AccessRules rules = () -> List.of(
            post("/accounts/*/deposits").allow(LedgerRole.TREASURY),
            get("/admin/**").allow(LedgerRole.OPERATOR, LedgerRole.AUDITOR),
            anyMethod("/admin/**").allow(LedgerRole.OPERATOR));

    @Test
    void shouldAnswerTheRolesOfTheFirstRowThatCoversTheRequest() {
        assertThat(rules.rolesFor(HttpMethod.GET, "/admin/processors/x"))
                .contains(Set.of(LedgerRole.OPERATOR, LedgerRole.AUDITOR));
        assertThat(rules.rolesFor(HttpMethod.POST, "/admin/processors/x/replay")).contains(Set.of(LedgerRole.OPERATOR));
        assertThat(rules.rolesFor(HttpMethod.POST, "/accounts/x/deposits")).contains(Set.of(LedgerRole.TREASURY));
    }

    @Test
    void shouldAnswerNothingForARequestNoRowCovers() {
        assertThat(rules.rolesFor(HttpMethod.GET, "/accounts/x/deposits")).isEmpty();
        assertThat(rules.rolesFor(HttpMethod.POST, "/accounts/x/deposits/y")).isEmpty();
        assertThat(rules.rolesFor(HttpMethod.POST, "/accounts")).isEmpty();
    }
}
