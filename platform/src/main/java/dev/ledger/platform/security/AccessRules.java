package dev.ledger.platform.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * A service's table of endpoint × role. Each service declares one bean; whatever it does not name is denied
 * (also to callers with a valid token), so a new endpoint is closed until someone decides who may call it. The
 * rows are applied in order, the first that covers a request deciding it, as Spring Security does.
 */
@FunctionalInterface
public interface AccessRules {

    List<EndpointAccess> endpoints();

    /** The roles that may call this method on this concrete path, or empty when no row covers it (denied). */
    default Optional<Set<LedgerRole>> rolesFor(HttpMethod method, String path) {
        return endpoints().stream().filter(row -> row.covers(method, path)).findFirst().map(EndpointAccess::roles);
    }
}
