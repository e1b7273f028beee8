package dev.ledger.platform.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * One row of a service's endpoint × role table: the roles that may call these paths with this method. Data rather
 * than Spring Security calls, so that the same rows both guard the endpoints and are written into the API
 * description (each operation's {@code security}), and the two cannot drift apart.
 *
 * @param method the HTTP method, or {@code null} for any
 * @param paths  Spring path patterns ({@code *} one segment, {@code **} any number)
 * @param roles  any one of them suffices
 */
public record EndpointAccess(HttpMethod method, List<String> paths, Set<LedgerRole> roles) {

    public EndpointAccess {
        paths = List.copyOf(paths);
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public static Paths get(String... paths) {
        return new Paths(HttpMethod.GET, List.of(paths));
    }

    public static Paths post(String... paths) {
        return new Paths(HttpMethod.POST, List.of(paths));
    }

    /** Every method on these paths. */
    public static Paths anyMethod(String... paths) {
        return new Paths(null, List.of(paths));
    }

    /** Whether a request with this method to this concrete path (no templates) falls under this row. */
    public boolean covers(HttpMethod requestMethod, String path) {
        if (method != null && !method.equals(requestMethod)) {
            return false;
        }
        PathContainer container = PathContainer.parsePath(path);
        return paths.stream().map(PathPatternParser.defaultInstance::parse).anyMatch(p -> p.matches(container));
    }

    /** The patterns as strings for Spring Security's matchers. */
    public String[] pathArray() {
        return paths.toArray(String[]::new);
    }

    /** Role names for {@code hasAnyRole}. */
    public String[] roleNames() {
        return roles.stream().sorted().map(Enum::name).toArray(String[]::new);
    }

    /** The first half of a row: the method and the paths. */
    public record Paths(HttpMethod method, List<String> paths) {

        public EndpointAccess allow(LedgerRole... roles) {
            return new EndpointAccess(method, paths, Set.of(roles));
        }
    }
}
