package dev.ledger.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** Roles arrive in whatever claim the issuer uses; only the ledger's own names count. */
class LedgerAuthoritiesTest {

    private final LedgerAuthorities authorities = new LedgerAuthorities();

    @Test
    void shouldReadSpaceSeparatedScopes() {
        assertThat(rolesOf(Map.of("scope", "openid ledger.holder ledger.treasury")))
                .containsExactly("ROLE_HOLDER", "ROLE_TREASURY");
    }

    @Test
    void shouldReadScopeListsRoleClaimsAndKeycloakRealmRoles() {
        assertThat(rolesOf(Map.of("scp", List.of("ledger.auditor")))).containsExactly("ROLE_AUDITOR");
        assertThat(rolesOf(Map.of("roles", List.of("compliance", "OPERATOR")))).containsExactly("ROLE_COMPLIANCE",
                                                                                                 "ROLE_OPERATOR");
        assertThat(rolesOf(Map.of("realm_access", Map.of("roles", List.of("holder", "offline_access")))))
                .containsExactly("ROLE_HOLDER");
    }

    @Test
    void shouldIgnoreEverythingThatNamesNoLedgerRole() {
        assertThat(rolesOf(Map.of("scope", "admin ledger.root other.holder ledger. ROLE_OPERATOR"))).isEmpty();
        assertThat(rolesOf(Map.of("roles", "not-a-list-of-roles"))).isEmpty();
    }

    @Test
    void shouldTakeTheClientIdFromClientIdThenAzpThenSubject() {
        assertThat(Caller.clientIdOf(jwt(Map.of("client_id", "app-1", "azp", "app-2")))).isEqualTo("app-1");
        assertThat(Caller.clientIdOf(jwt(Map.of("azp", "app-2")))).isEqualTo("app-2");
        assertThat(Caller.clientIdOf(jwt(Map.of("other", "x")))).isEqualTo("subject-1");
    }

    private List<String> rolesOf(Map<String, Object> claims) {
        return authorities.convert(jwt(claims)).stream().map(GrantedAuthority::getAuthority).toList();
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("subject-1")
                                 .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }
}
