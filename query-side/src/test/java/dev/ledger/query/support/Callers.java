package dev.ledger.query.support;

import dev.ledger.platform.security.LedgerRole;
import dev.ledger.testsupport.TestIssuer;
import java.util.Arrays;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Who a MockMvc request comes from: a real bearer token of the shared {@link TestIssuer}, freshly minted per
 * request (tokens live 15 minutes, longer than no test run), which the service validates with the very decoder it
 * uses in production. Requests that name no caller come from {@link #STAFF} (see {@link DefaultCaller}).
 */
public final class Callers {

    /** The subject of the default caller: an operator who is also an auditor, so it may read and run everything. */
    public static final String STAFF = "query-side-staff";

    private Callers() {
    }

    /** A token for {@code subject} carrying these roles (as scopes, e.g. {@code ledger.holder}). */
    public static RequestPostProcessor as(String subject, LedgerRole... roles) {
        return request -> {
            String token = TestIssuer.shared().token(subject, scopes(roles));
            request.removeHeader(HttpHeaders.AUTHORIZATION);
            request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            return request;
        };
    }

    /** A holder: sees its own accounts and the transfers it is a party to. */
    public static RequestPostProcessor holder(String subject) {
        return as(subject, LedgerRole.HOLDER);
    }

    /** Exactly this token (a forged one, say). */
    public static RequestPostProcessor bearer(String token) {
        return request -> {
            request.removeHeader(HttpHeaders.AUTHORIZATION);
            request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            return request;
        };
    }

    /** No token at all (takes away the default caller's). */
    public static RequestPostProcessor anonymous() {
        return request -> {
            request.removeHeader(HttpHeaders.AUTHORIZATION);
            return request;
        };
    }

    /** The default caller, for a request that carries no {@code Authorization} header of its own. */
    static RequestPostProcessor staffUnlessNamed() {
        RequestPostProcessor staff = as(STAFF, LedgerRole.OPERATOR, LedgerRole.AUDITOR);
        return request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null ? request
                : staff.postProcessRequest(request);
    }

    private static String[] scopes(LedgerRole... roles) {
        return Arrays.stream(roles).map(LedgerRole::scope).toArray(String[]::new);
    }
}
