package dev.ledger.api;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A client's own key/value labels on an account or a transfer ({@code {"orderId": "123"}}), which the ledger stores,
 * shows and filters lists by, but never interprets. Bounded, so that a label cannot become a document store or
 * break a storage layer:
 * <ul>
 *     <li>at most {@value #MAX_ENTRIES} keys;</li>
 *     <li>keys of 1 to {@value LedgerIds#MAX_LENGTH} characters of {@code [A-Za-z0-9._:-]}, the id alphabet, so a
 *     key is safe in a query parameter name ({@code ?metadata.<key>=}) without escaping;</li>
 *     <li>values of 0 to {@value #MAX_VALUE_LENGTH} characters (code points), no control characters (PostgreSQL's
 *     {@code text} and {@code jsonb} refuse NUL, and a line break in a label forges log lines) and no unpaired
 *     surrogates (not text: the database driver would store them as {@code ?}, a silent change).</li>
 * </ul>
 * Events and views carry {@link #entries()} as a plain {@code Map}, so the stored and the answered JSON is a plain
 * object and this contract needs no serialization library; old events without it read as {@code null}, which
 * {@link #of} takes for empty.
 *
 * @param entries the labels, sorted by key, unmodifiable
 */
public record Metadata(SortedMap<String, String> entries) {

    public static final int MAX_ENTRIES = 16;
    public static final int MAX_VALUE_LENGTH = 256;

    /** No labels. */
    public static final Metadata EMPTY = new Metadata(new TreeMap<>());

    /**
     * @throws IllegalArgumentException when {@code entries} breaks a bound (see {@link #violation})
     */
    public Metadata {
        if (entries == null) {
            entries = new TreeMap<>();
        }
        String violation = violation(entries).orElse(null);
        if (violation != null) {
            throw new IllegalArgumentException(violation);
        }
        // natural order whatever the given map's comparator, so equal labels are equal records
        TreeMap<String, String> copy = new TreeMap<>();
        copy.putAll(entries);
        entries = Collections.unmodifiableSortedMap(copy);
    }

    /**
     * The labels of {@code entries}, {@code null} meaning none.
     *
     * @throws IllegalArgumentException when {@code entries} breaks a bound (see {@link #violation})
     */
    public static Metadata of(Map<String, String> entries) {
        if (entries == null || entries.isEmpty()) {
            return EMPTY;
        }
        // checked before copying: a TreeMap refuses a null key with an exception of its own
        Optional<String> wrong = violation(entries);
        if (wrong.isPresent()) {
            throw new IllegalArgumentException(wrong.get());
        }
        TreeMap<String, String> copy = new TreeMap<>();
        copy.putAll(entries);
        return new Metadata(copy);
    }

    /**
     * What is wrong with {@code entries} as labels, in words for the caller, or empty when nothing is. Never throws,
     * whatever the map holds ({@code null} keys and values included).
     */
    public static Optional<String> violation(Map<String, String> entries) {
        if (entries == null) {
            return Optional.empty();
        }
        if (entries.size() > MAX_ENTRIES) {
            return Optional.of("at most " + MAX_ENTRIES + " metadata keys, not " + entries.size());
        }
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            Optional<String> wrong = violation(entry.getKey(), entry.getValue());
            if (wrong.isPresent()) {
                return wrong;
            }
        }
        return Optional.empty();
    }

    /** What is wrong with one label, or empty when nothing is; never throws. */
    public static Optional<String> violation(String key, String value) {
        if (!isKey(key)) {
            return Optional.of("a metadata key is 1 to " + LedgerIds.MAX_LENGTH + " characters of [A-Za-z0-9._:-]");
        }
        if (value == null) {
            return Optional.of("metadata " + key + " has no value (null); an empty string is one");
        }
        if (value.codePointCount(0, value.length()) > MAX_VALUE_LENGTH) {
            return Optional.of("metadata " + key + " is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        if (!isPlainText(value)) {
            return Optional.of("metadata " + key + " holds a control character or an unpaired surrogate");
        }
        return Optional.empty();
    }

    /** Whether {@code key} may name a label; the same alphabet and length as ids. */
    public static boolean isKey(String key) {
        return LedgerIds.isValid(key);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    private static boolean isPlainText(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
