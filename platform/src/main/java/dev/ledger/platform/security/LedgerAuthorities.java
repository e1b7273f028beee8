package dev.ledger.platform.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads the ledger's roles from wherever issuers put them: scopes ({@code scope} as a space-separated string or
 * a list, {@code scp}), a {@code roles} claim, or Keycloak's {@code realm_access.roles}. Values that name no
 * ledger role are ignored, so a token from a shared issuer carries nothing here by accident.
 */
final class LedgerAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Set<String> values = new LinkedHashSet<>();
        collect(jwt.getClaim("scope"), values);
        collect(jwt.getClaim("scp"), values);
        collect(jwt.getClaim("roles"), values);
        if (jwt.getClaim("realm_access") instanceof Map<?, ?> realmAccess) {
            collect(realmAccess.get("roles"), values);
        }
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (String value : values) {
            LedgerRole.fromClaimValue(value)
                      .ifPresent(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
        }
        return List.copyOf(authorities);
    }

    private static void collect(Object claim, Set<String> into) {
        if (claim instanceof String text) {
            for (String part : text.trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    into.add(part);
                }
            }
        } else if (claim instanceof Collection<?> list) {
            for (Object item : list) {
                if (item instanceof String text) {
                    into.add(text);
                }
            }
        }
    }
}
