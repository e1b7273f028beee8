package dev.ledger.query.deadletter;

import dev.ledger.api.ErrorCode;
import dev.ledger.platform.web.LedgerRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters over REST: list them per processing group, retry them once the cause is fixed, evict one (or a
 * sequence) that can never be handled, with a reason that is recorded.
 */
@RestController
@RequestMapping(path = "/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
class DeadLetterController {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final int MAX_REASON = 1000;

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Every group with a queue (or the one named), with its counts and its oldest letters. */
    @GetMapping
    Map<String, Object> list(@RequestParam(required = false) String group,
                             @RequestParam(required = false) Integer limit) {
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                             "limit must be between 1 and " + MAX_LIMIT);
        }
        List<String> groups = group == null ? deadLetters.groups() : List.of(known(group));
        return Map.of("groups", groups.stream().map(name -> deadLetters.list(name, pageSize)).toList());
    }

    /** Retries the oldest parked sequence, or with {@code ?all=true} every parked sequence once. */
    @PostMapping("/{group}/retry")
    DeadLetters.RetryOutcome retry(@PathVariable String group, @RequestParam(defaultValue = "false") boolean all) {
        return deadLetters.retry(known(group), all);
    }

    /** Evicts a letter or a whole sequence without handling it; the read model will never apply those events. */
    @PostMapping("/{group}/evict")
    ResponseEntity<Map<String, Object>> evict(@PathVariable String group, @RequestBody EvictRequest request) {
        known(group);
        request.validate();
        List<DeadLetters.EvictedLetter> evicted = deadLetters.evict(group, request.messageIdentifier(),
                                                                    request.sequenceIdentifier(),
                                                                    request.reason().strip());
        if (evicted.isEmpty()) {
            String what = request.messageIdentifier() != null
                    ? "message " + request.messageIdentifier() : "sequence " + request.sequenceIdentifier();
            throw new LedgerRequestException(ErrorCode.DEAD_LETTER_NOT_FOUND, "no parked " + what + " in " + group);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("group", group);
        body.put("evicted", evicted.size());
        body.put("reason", request.reason().strip());
        body.put("letters", evicted);
        return ResponseEntity.ok(body);
    }

    private String known(String group) {
        if (!deadLetters.hasQueue(group)) {
            throw new LedgerRequestException(ErrorCode.UNKNOWN_PROCESSING_GROUP,
                                             "no processing group with a dead-letter queue is named '" + group
                                                     + "'; known: " + String.join(", ", deadLetters.groups()));
        }
        return group;
    }

    /** Exactly one of the identifiers, and a reason. */
    record EvictRequest(String messageIdentifier, String sequenceIdentifier, String reason) {

        void validate() {
            if ((messageIdentifier == null) == (sequenceIdentifier == null)) {
                throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                                 "give exactly one of messageIdentifier and sequenceIdentifier");
            }
            String id = messageIdentifier != null ? messageIdentifier : sequenceIdentifier;
            if (id.isBlank() || id.length() > 255) {
                throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "the identifier is blank or too long");
            }
            if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
                throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                                 "reason is required (at most " + MAX_REASON + " characters)");
            }
        }
    }
}
