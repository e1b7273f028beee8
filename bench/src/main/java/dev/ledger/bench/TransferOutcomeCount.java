package dev.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every transfer of this run as the query side finally shows it, counted by phase and status: the source of
 * "completed transfers/s". It pages through {@code GET /transfers} once at the end, instead of a GET per transfer
 * during the load, which would double the query side's work and distort what is measured.
 */
final class TransferOutcomeCount {

    private static final int PAGE = 200;

    private TransferOutcomeCount() {
    }

    /** Phase name → status → count, for transfer ids {@code <runTag>-<phase>-<n>}. */
    static Map<String, Map<String, Long>> byPhase(LedgerHttp http, URI queryUri, String runTag) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        StatusCounts ignored = new StatusCounts();
        String cursor = null;
        do {
            URI page = queryUri.resolve("/transfers?limit=" + PAGE
                                        + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor,
                                                                                                StandardCharsets.UTF_8)));
            LedgerHttp.Answer answer = http.get(page, ignored);
            if (answer.status() != 200) {
                throw new IllegalStateException("GET " + page + " answered " + answer.status() + " " + answer.body());
            }
            for (JsonNode item : answer.body().path("items")) {
                phaseOf(runTag, item.path("transferId").asText())
                        .ifPresent(phase -> counts.computeIfAbsent(phase, p -> new TreeMap<>())
                                                  .merge(item.path("status").asText(), 1L, Long::sum));
            }
            cursor = answer.text("nextCursor");
        } while (cursor != null);
        return counts;
    }

    /** The phase a transfer id {@code <runTag>-<phase>-<n>} names, or empty for another run's transfer. */
    static Optional<String> phaseOf(String runTag, String transferId) {
        int last = transferId.lastIndexOf('-');
        if (!transferId.startsWith(runTag + "-") || last <= runTag.length()) {
            return Optional.empty();
        }
        return Optional.of(transferId.substring(runTag.length() + 1, last));
    }
}
