package dev.ledger.query.metadata;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.Metadata;
import dev.ledger.platform.web.LedgerRequestException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A list's label filter from its query parameters: {@code ?metadata.orderId=123&metadata.channel=web} lists only
 * what carries both labels. The same filters may also come as {@code ?metadata=orderId=123&metadata=channel=web}:
 * OpenAPI 3.0 cannot describe a family of parameter names, and a client generated from the API description can
 * send a repeated parameter but not one whose name it makes up. A filter is labels, so it has their bounds (at
 * most 16 keys, keys of the id alphabet, values up to 256 characters without control characters); a key given
 * twice (in either spelling) could never match and is refused as well, rather than answering an empty page that
 * looks like "no such transfers".
 */
public final class MetadataFilter {

    public static final String PREFIX = "metadata.";

    /** The repeatable {@code metadata=<key>=<value>} parameter. */
    public static final String PARAMETER = "metadata";

    /** A {@link #PARAMETER} value: a key, {@code =}, the value (which may hold {@code =} itself). */
    public static final String PARAMETER_PATTERN = "^[A-Za-z0-9._:-]{1,64}=";

    public static final String PARAMETER_DESCRIPTION = "Label filters, `<key>=<value>` each (repeat the parameter "
            + "for several; all must match; a key at most once): the same as `metadata.<key>=<value>`, for clients "
            + "that cannot make up parameter names. URL-encoded by the client like any value "
            + "(`metadata=orderId%3DA-1001`).";

    private MetadataFilter() {
    }

    /**
     * The labels the caller filters by, from all of a request's parameters; {@link Metadata#EMPTY} for none.
     *
     * @throws LedgerRequestException {@link ErrorCode#METADATA_INVALID} for a filter outside the bounds
     */
    public static Metadata of(Map<String, List<String>> parameters) {
        Map<String, String> wanted = new HashMap<>();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (!parameter.getKey().startsWith(PREFIX)) {
                continue;
            }
            String key = parameter.getKey().substring(PREFIX.length());
            List<String> values = parameter.getValue();
            if (values.size() != 1) {
                throw twice(key);
            }
            wanted.put(key, values.get(0));
        }
        for (String filter : parameters.getOrDefault(PARAMETER, List.of())) {
            int equals = filter.indexOf('=');
            if (equals < 0) {
                throw new LedgerRequestException(ErrorCode.METADATA_INVALID,
                                                 "a metadata filter is <key>=<value>, e.g. metadata=orderId=A-1001");
            }
            String key = filter.substring(0, equals);
            if (wanted.putIfAbsent(key, filter.substring(equals + 1)) != null) {
                throw twice(key);
            }
        }
        Metadata.violation(wanted).ifPresent(violation -> {
            throw new LedgerRequestException(ErrorCode.METADATA_INVALID, "filter: " + violation);
        });
        return Metadata.of(wanted);
    }

    private static LedgerRequestException twice(String key) {
        return new LedgerRequestException(ErrorCode.METADATA_INVALID,
                                          "filter by metadata." + key + " once; all filters must match");
    }
}
