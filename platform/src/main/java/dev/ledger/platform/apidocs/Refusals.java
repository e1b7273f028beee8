package dev.ledger.platform.apidocs;

import dev.ledger.api.ErrorCode;
import io.swagger.v3.oas.models.Operation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The problem codes an operation may answer, collected while springdoc builds each operation (where the handler
 * method and its annotations are known) and turned into responses once the whole document exists (where the path
 * is known, for the examples' {@code instance}). Kept on the operation as an extension in between, removed before
 * the document is served.
 */
public final class Refusals {

    static final String EXTENSION = "x-ledger-refusals";

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

    /** What was declared so far; the extension is left in place. */
    static Set<ErrorCode> declared(Operation operation) {
        Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        if (operation.getExtensions() != null && operation.getExtensions().get(EXTENSION) instanceof Collection<?> names) {
            new ArrayList<>(names).forEach(name -> codes.add(ErrorCode.valueOf(String.valueOf(name))));
        }
        return codes;
    }

    /** Takes the declared codes off the operation, so the extension never reaches the served document. */
    static Set<ErrorCode> take(Operation operation) {
        Set<ErrorCode> codes = declared(operation);
        if (operation.getExtensions() != null) {
            operation.getExtensions().remove(EXTENSION);
            if (operation.getExtensions().isEmpty()) {
                operation.setExtensions(null);
            }
        }
        return codes;
    }
}
