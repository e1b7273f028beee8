package dev.ledger.platform.apidocs;

import dev.ledger.api.ErrorCode;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The problem codes an operation may answer, collected while springdoc builds each operation (where the handler
 * method and its annotations are known) and turned into responses once the whole document exists (where the path
 * is known, for the examples' {@code instance}). Kept on the operation as an extension in between, removed before
 * the document is served. So are the headers a service's mechanic adds to some of those refusals (a replayed answer's
 * marker, say), which cannot be put on responses that do not exist yet.
 */
public final class Refusals {

    static final String EXTENSION = "x-ledger-refusals";
    static final String HEADERS_EXTENSION = "x-ledger-refusal-headers";

    private Refusals() {
    }

    /** Adds codes the operation may answer; repeating one is harmless. */
    public static void declare(Operation operation, Collection<ErrorCode> codes) {
        Set<ErrorCode> all = declared(operation);
        all.addAll(codes);
        operation.addExtension(EXTENSION, all.stream().map(Enum::name).toList());
    }

    public static void declare(Operation operation, ErrorCode... codes) {
        declare(operation, List.of(codes));
    }

    /**
     * Adds a header to the operation's refusals of these statuses, those it turns out to answer; the others are
     * left alone. A status must be one the operation describes in place, not only by a shared refusal (401, 403,
     * 413, 415, 429 or 503 alone): those are one response for every operation, with no room for one's own header.
     */
    public static void declareHeader(Operation operation, String name, Header header, int... statuses) {
        Map<String, Map<String, Header>> headers = headers(operation);
        for (int status : statuses) {
            headers.computeIfAbsent(Integer.toString(status), s -> new TreeMap<>()).put(name, header);
        }
        operation.addExtension(HEADERS_EXTENSION, headers);
    }

    /** What was declared so far; the extension is left in place. */
    static Set<ErrorCode> declared(Operation operation) {
        Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        if (operation.getExtensions() != null && operation.getExtensions().get(EXTENSION) instanceof Collection<?> names) {
            new ArrayList<>(names).forEach(name -> codes.add(ErrorCode.valueOf(String.valueOf(name))));
        }
        return codes;
    }

    /** Takes the declared headers off the operation, by status and name, as {@link #take} takes the codes. */
    static Map<String, Map<String, Header>> takeHeaders(Operation operation) {
        Map<String, Map<String, Header>> headers = headers(operation);
        remove(operation, HEADERS_EXTENSION);
        return headers;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Header>> headers(Operation operation) {
        Object declared = operation.getExtensions() == null ? null : operation.getExtensions().get(HEADERS_EXTENSION);
        return declared instanceof Map<?, ?> map ? (Map<String, Map<String, Header>>) map : new TreeMap<>();
    }

    /** Takes the declared codes off the operation, so the extension never reaches the served document. */
    static Set<ErrorCode> take(Operation operation) {
        Set<ErrorCode> codes = declared(operation);
        remove(operation, EXTENSION);
        return codes;
    }

    private static void remove(Operation operation, String extension) {
        if (operation.getExtensions() != null) {
            operation.getExtensions().remove(extension);
            if (operation.getExtensions().isEmpty()) {
                operation.setExtensions(null);
            }
        }
    }
}
