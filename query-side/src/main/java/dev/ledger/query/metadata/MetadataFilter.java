package dev.ledger.query.metadata;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.Metadata;
import dev.ledger.platform.web.LedgerRequestException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A list's label filter from its query parameters: {@code ?metadata.orderId=123&metadata.channel=web} lists only
 * what carries both labels. A filter is labels, so it has their bounds (at most 16 keys, keys of the id alphabet,
 * values up to 256 characters without control characters); a key given twice could never match and is refused
 * as well, rather than answering an empty page that looks like "no such transfers".
 */
public final class MetadataFilter {

    public static final String PREFIX = "metadata.";

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
                throw new LedgerRequestException(ErrorCode.METADATA_INVALID,
                                                 "filter by metadata." + key + " once; all filters must match");
            }
            wanted.put(key, values.get(0));
        }
        Metadata.violation(wanted).ifPresent(violation -> {
            throw new LedgerRequestException(ErrorCode.METADATA_INVALID, "filter: " + violation);
        });
        return Metadata.of(wanted);
    }
}
