package dev.ledger.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A service's OpenAPI document as the build exports it and as the repository keeps it. The served document (built
 * by springdoc from the code) is written to {@code target/openapi/<service>.yaml} of the module under test, the
 * build's export that the linter reads; the reviewed copy in {@code shared-api/src/main/openapi/<service>.yaml}, from
 * which the client is generated, must equal it, so a change to the contract shows in review as a diff of that file
 * and never reaches a client unseen. {@code -Dledger.api-docs.update=true} rewrites the copy instead of failing.
 */
public final class ApiDocument {

    /** The system property that accepts the served document as the new reviewed copy. */
    public static final String UPDATE_PROPERTY = "ledger.api-docs.update";

    private final String service;
    private final Path moduleDirectory;

    private ApiDocument(String service, Path moduleDirectory) {
        this.service = service;
        this.moduleDirectory = moduleDirectory;
    }

    /** The document of the service whose module the test runs in (Maven runs tests in the module's directory). */
    public static ApiDocument of(String service) {
        return new ApiDocument(service, Path.of("").toAbsolutePath());
    }

    public Path exported() {
        return moduleDirectory.resolve("target/openapi/" + service + ".yaml");
    }

    public Path reviewed() {
        return moduleDirectory.resolveSibling("shared-api").resolve("src/main/openapi/" + service + ".yaml");
    }

    /**
     * Exports the served document and compares it with the reviewed copy (or replaces the copy when asked to).
     *
     * @return a message saying how they differ and how to accept the change, or {@code null} when they are equal
     */
    public String exportAndCompare(String served) {
        try {
            Files.createDirectories(exported().getParent());
            Files.writeString(exported(), served, StandardCharsets.UTF_8);
            if (Boolean.getBoolean(UPDATE_PROPERTY)) {
                Files.writeString(reviewed(), served, StandardCharsets.UTF_8);
                return null;
            }
            String kept = Files.exists(reviewed()) ? Files.readString(reviewed(), StandardCharsets.UTF_8) : "";
            if (kept.equals(served)) {
                return null;
            }
            return "the " + service + " API changed: " + firstDifference(kept, served) + "\nreviewed copy: "
                   + reviewed() + "\nserved now:    " + exported() + "\nIf the change is intended, accept it with "
                   + "-D" + UPDATE_PROPERTY + "=true and commit the reviewed copy with the code.";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstDifference(String kept, String served) {
        String[] a = kept.split("\n", -1);
        String[] b = served.split("\n", -1);
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                return "line " + (i + 1) + " was\n    " + a[i] + "\n  and is now\n    " + b[i];
            }
        }
        return a.length < b.length ? "lines added after line " + a.length : "lines removed after line " + b.length;
    }
}
