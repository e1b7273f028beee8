package dev.ledger.query.deadletter;

import dev.ledger.api.ErrorCode;
import dev.ledger.platform.apidocs.Refuses;
import dev.ledger.platform.web.LedgerRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters over REST: list them per processing group, retry them once the cause is fixed, evict one (or a
 * sequence) that can never be handled, with a reason that is recorded. Retries and evictions are done when they
 * answer (200 with what they did), unlike a replay or a reconciliation run, which go on after their 202.
 */
@RestController
@RequestMapping(path = "/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Operations")
class DeadLetterController {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final int MAX_IDENTIFIER = 255;
    private static final int MAX_REASON = 1000;
    private static final String GROUP = "A processing group with a dead-letter queue: `account-summary`, "
                                        + "`account-statement`, `transfers` or `authorizations`.";

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Every group with a queue (or the one named), with its counts and its oldest letters. */
    @GetMapping
    @Operation(operationId = "listDeadLetters", summary = "List the parked events of the read models",
               description = """
                       Each read model's dead-letter queue (or the one of `group`): how many sequences and events \
                       are parked, and the oldest of them, sequences oldest first (the order retries take), each \
                       sequence's letters in order. An event a read model cannot handle is parked with every later \
                       event of its sequence (an account; for `transfers`, a transfer), so that read model stops \
                       for that account at the event before while every other account flows on. A letter without \
                       `causeType` has not failed itself: it waits behind the first of its sequence.

                       **Who.** Operators and auditors.""")
    @Refuses(ErrorCode.UNKNOWN_PROCESSING_GROUP)
    DeadLetterQueues list(@Parameter(description = "Only this group's queue. " + GROUP, example = "account-statement")
                          @RequestParam(required = false) String group,
                          @Parameter(description = "Letters per group: 1 to 500, 50 when absent.", example = "50",
                                     schema = @Schema(type = "integer", format = "int32", minimum = "1",
                                                      maximum = "500", defaultValue = "50"))
                          @RequestParam(required = false) Integer limit) {
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                             "limit must be between 1 and " + MAX_LIMIT);
        }
        List<String> groups = group == null ? deadLetters.groups() : List.of(known(group));
        return new DeadLetterQueues(groups.stream().map(name -> deadLetters.list(name, pageSize)).toList());
    }

    /** Retries the oldest parked sequence, or with {@code ?all=true} every parked sequence once. */
    @PostMapping("/{group}/retry")
    @Operation(operationId = "retryDeadLetters", summary = "Retry a read model's parked events",
               description = """
                       Once the cause is fixed (a deployment, a data fix): the group's handlers get the oldest \
                       parked sequence again from its first letter, or with `all=true` every sequence parked when \
                       the call began, once each. Each letter that succeeds leaves the queue; one that fails again \
                       stays with its new cause (the rest of its sequence behind it) and its sequence moves to the \
                       back. Done when it answers: `200` says what happened and what is still parked. A sequence \
                       another retry is working on is left to it.

                       **Who.** Operators.""")
    @Refuses(ErrorCode.UNKNOWN_PROCESSING_GROUP)
    DeadLetterRetry retry(@Parameter(description = GROUP, example = "account-statement")
                                   @PathVariable String group,
                                   @Parameter(description = "Every parked sequence once, rather than the oldest.",
                                              example = "false")
                                   @RequestParam(defaultValue = "false") boolean all) {
        return deadLetters.retry(known(group), all);
    }

    /** Evicts a letter or a whole sequence without handling it; the read model will never apply those events. */
    @PostMapping("/{group}/evict")
    @Operation(operationId = "evictDeadLetters", summary = "Evict parked events without applying them",
               description = """
                       The last resort: the letter (`messageIdentifier`) or the whole sequence \
                       (`sequenceIdentifier`) leaves the queue without being applied, ever, so the read model \
                       will lack those events (reconciliation reports what that breaks). The reason is required; \
                       it is logged and kept with the evicted letters, with the request's correlation id and the \
                       time. Done when it answers: `200` lists what was evicted; nothing matched is \
                       `404 DEAD_LETTER_NOT_FOUND`.

                       **Who.** Operators.""")
    @Refuses({ErrorCode.UNKNOWN_PROCESSING_GROUP, ErrorCode.DEAD_LETTER_NOT_FOUND})
    Eviction evict(@Parameter(description = GROUP, example = "account-statement") @PathVariable String group,
                   @RequestBody EvictRequest request) {
        known(group);
        request.validate();
        List<EvictedLetter> evicted = deadLetters.evict(group, request.messageIdentifier(),
                                                                    request.sequenceIdentifier(),
                                                                    request.reason().strip());
        if (evicted.isEmpty()) {
            String what = request.messageIdentifier() != null
                    ? "message " + request.messageIdentifier() : "sequence " + request.sequenceIdentifier();
            throw new LedgerRequestException(ErrorCode.DEAD_LETTER_NOT_FOUND, "no parked " + what + " in " + group);
        }
        return new Eviction(group, evicted.size(), request.reason().strip(), evicted);
    }

    private String known(String group) {
        if (!deadLetters.hasQueue(group)) {
            throw new LedgerRequestException(ErrorCode.UNKNOWN_PROCESSING_GROUP,
                                             "no processing group with a dead-letter queue is named '" + group
                                                     + "'; known: " + String.join(", ", deadLetters.groups()));
        }
        return group;
    }

    /** {@code GET /admin/dead-letters}: the queues asked for. */
    @Schema(description = "The dead-letter queues asked for.")
    record DeadLetterQueues(@Schema(requiredMode = RequiredMode.REQUIRED,
                                    description = "One entry per processing group with a queue (or the one asked "
                                                  + "for).")
                            List<DeadLetterQueue> groups) {
    }

    /** {@code POST /admin/dead-letters/{group}/evict}: what left the queue. */
    @Schema(description = "What an eviction removed from the queue, never to be applied.")
    record Eviction(@Schema(requiredMode = RequiredMode.REQUIRED, example = "account-statement",
                            description = "The processing group.")
                    String group,
                    @Schema(requiredMode = RequiredMode.REQUIRED, example = "1", minimum = "1",
                            description = "How many letters were evicted.")
                    int evicted,
                    @Schema(requiredMode = RequiredMode.REQUIRED, example = "corrupt posting, corrected by d-77",
                            description = "The reason recorded with them.")
                    String reason,
                    @Schema(requiredMode = RequiredMode.REQUIRED, description = "The evicted letters, in order.")
                    List<EvictedLetter> letters) {
    }

    /** Exactly one of the identifiers, and a reason. */
    @Schema(description = "What to evict (exactly one of `messageIdentifier` and `sequenceIdentifier`) and why.")
    record EvictRequest(@Schema(nullable = true, maxLength = MAX_IDENTIFIER,
                                example = "9f3c6a2e-4b1d-4c8e-9a7f-2d5e8b1c0a93",
                                description = "One letter: its `messageIdentifier` as listed. Not with "
                                              + "`sequenceIdentifier`.")
                        String messageIdentifier,
                        @Schema(nullable = true, maxLength = MAX_IDENTIFIER, example = "alice",
                                description = "A whole sequence: its `sequenceIdentifier` as listed (an account; for "
                                              + "`transfers`, a transfer). Not with `messageIdentifier`.")
                        String sequenceIdentifier,
                        @Schema(requiredMode = RequiredMode.REQUIRED, minLength = 1, maxLength = MAX_REASON,
                                example = "corrupt posting, corrected by d-77",
                                description = "Why, for the record: required, at most 1000 characters.")
                        String reason) {

        void validate() {
            if ((messageIdentifier == null) == (sequenceIdentifier == null)) {
                throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                                 "give exactly one of messageIdentifier and sequenceIdentifier");
            }
            String id = messageIdentifier != null ? messageIdentifier : sequenceIdentifier;
            if (id.isBlank() || id.length() > MAX_IDENTIFIER) {
                throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "the identifier is blank or too long");
            }
            if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
                throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                                 "reason is required (at most " + MAX_REASON + " characters)");
            }
        }
    }
}
