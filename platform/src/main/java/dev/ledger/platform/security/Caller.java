package dev.ledger.platform.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The authenticated principal behind a request, in the ledger's terms.
 *
 * @param subject  the token's {@code sub}: owner of the accounts it opens, requester of its transfers, reviewer
 * @param clientId the OAuth client that obtained the token ({@code client_id}, else {@code azp}, else the subject):
 *                 the scope of its idempotency keys
 * @param roles    what it may do
 */
public record Caller(String subject, String clientId, Set<LedgerRole> roles) {

    public Caller {
        roles = roles.isEmpty() ? EnumSet.noneOf(LedgerRole.class) : EnumSet.copyOf(roles);
    }

    /** The caller of the current request thread, if it presented a valid token. */
    public static Optional<Caller> current() {
        return from(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The caller of the current request; only for code behind an authenticated endpoint. */
    public static Caller required() {
        return current().orElseThrow(() -> new IllegalStateException("no authenticated caller on this thread"));
    }

    static Optional<Caller> from(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token) || !token.isAuthenticated()) {
            return Optional.empty();
        }
        Jwt jwt = token.getToken();
        Set<LedgerRole> roles = EnumSet.noneOf(LedgerRole.class);
        for (GrantedAuthority authority : token.getAuthorities()) {
            for (LedgerRole role : LedgerRole.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return Optional.of(new Caller(jwt.getSubject(), clientIdOf(jwt), roles));
    }

    static String clientIdOf(Jwt jwt) {
        for (String claim : new String[] {"client_id", "azp"}) {
            String value = jwt.getClaimAsString(claim);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return jwt.getSubject();
    }

    public boolean has(LedgerRole role) {
        return roles.contains(role);
    }

    /**
     * Compliance and auditors see every account and transfer; everyone else only what it owns or is a party to.
     *
     * @return the owner to restrict reads to, or empty for no restriction
     */
    public Optional<String> visibleOwner() {
        return has(LedgerRole.COMPLIANCE) || has(LedgerRole.AUDITOR) ? Optional.empty() : Optional.of(subject);
    }
}
