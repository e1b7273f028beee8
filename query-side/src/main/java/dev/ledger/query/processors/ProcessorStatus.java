package dev.ledger.query.processors;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.Instant;
import java.util.List;

/**
 * One event processor as an operator sees it: {@code GET /admin/processors}.
 *
 * @param name             the processor's name (each processing group is its own processor)
 * @param processingGroups the processing groups it runs
 * @param type             {@code pooled}, {@code tracking} or {@code subscribing}
 * @param running          whether it runs on this node
 * @param error            whether it, or a segment of it, is failing
 * @param errorMessage     what failed, when known
 * @param failingSince     since when a segment has been failing without a successful batch in between
 * @param settingUpReplay  whether this node is shutting it down, resetting its tokens and starting it again
 * @param replaying        whether a segment is replaying (its answers say {@code REPLAYING})
 * @param replayProgress   while replaying, 0 to 1 (the least advanced segment)
 * @param position         the lowest position over all its segments (every event up to it is processed)
 * @param lagEvents        event-store positions between the head and {@code position}
 * @param lagSeconds       how long the oldest event it has not processed has been waiting; 0 when caught up,
 *                         {@code null} when unknown (Axon Server mode)
 * @param deadLetters      events parked in its groups' dead-letter queues, {@code null} when there are none
 * @param segments         every segment in the token store, claimed by this node or not
 */
@Schema(description = "One event processor (each read model is its own processing group and processor) as this node "
                      + "sees it.")
public record ProcessorStatus(@Schema(requiredMode = RequiredMode.REQUIRED, example = "account-summary",
                                      description = "The processor's name, as replays name it.")
                              String name,
                              @Schema(requiredMode = RequiredMode.REQUIRED, example = "[\"account-summary\"]",
                                      description = "The processing groups it runs.")
                              List<String> processingGroups,
                              @Schema(requiredMode = RequiredMode.REQUIRED, example = "pooled",
                                      allowableValues = {"pooled", "tracking", "subscribing"},
                                      description = "The kind of event processor.")
                              String type,
                              @Schema(requiredMode = RequiredMode.REQUIRED, example = "true",
                                      description = "Whether it runs on this node.")
                              boolean running,
                              @Schema(requiredMode = RequiredMode.REQUIRED, example = "false",
                                      description = "Whether it, or a segment of it, is failing (its batches roll "
                                                    + "back; an event a handler cannot handle is parked instead).")
                              boolean error,
                              @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true,
                                      description = "What failed, when known.")
                              String errorMessage,
                              @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true,
                                      description = "Since when a segment has been failing without a good batch in "
                                                    + "between.")
                              Instant failingSince,
                              @Schema(requiredMode = RequiredMode.REQUIRED, example = "false",
                                      description = "Whether this node is shutting it down, resetting its tokens "
                                                    + "and starting it again for a replay.")
                              boolean settingUpReplay,
                              @Schema(requiredMode = RequiredMode.REQUIRED, example = "false",
                                      description = "Whether a segment is replaying (its read model's answers say "
                                                    + "`REPLAYING`).")
                              boolean replaying,
                              @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true,
                                      minimum = "0", maximum = "1",
                                      description = "While replaying, 0 to 1 (the least advanced segment).")
                              Double replayProgress,
                              @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "1234",
                                      description = "The lowest position over its segments: everything up to it is "
                                                    + "applied.")
                              Long position,
                              @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "0",
                                      description = "The event store's head minus `position`.")
                              Long lagEvents,
                              @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "0.0",
                                      description = "How long the oldest event it has not applied has been waiting "
                                                    + "(0 when caught up); `null` when unknown (Axon Server mode).")
                              Double lagSeconds,
                              @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "0",
                                      description = "Events parked in its groups' dead-letter queues; `null` "
                                                    + "without a queue.")
                              Long deadLetters,
                              @Schema(requiredMode = RequiredMode.REQUIRED,
                                      description = "Every segment in the token store, claimed by this node or not.")
                              List<Segment> segments) {

    /**
     * One segment. Positions of segments this node claims are live; the others' are as of their owner's last
     * committed batch.
     *
     * @param segment           the segment id
     * @param owner             the node holding its claim (token_entry.owner), {@code null} when unclaimed
     * @param claimedByThisNode whether this node processes it
     * @param position          the last event-store position it has processed
     * @param caughtUp          whether it has reached the head (known only on the node processing it)
     * @param replaying         whether it is replaying
     * @param resetPosition     while replaying, the position where the replay ends (the segment's position at reset)
     * @param replayProgress    while replaying, {@code position / resetPosition}
     * @param gaps              positions below {@code position} not committed yet (in-flight appends), still awaited
     * @param error             whether it is failing
     * @param errorMessage      what failed, when known
     * @param tokenUpdatedAt    when its owner last stored the token or renewed the claim
     */
    @Schema(name = "ProcessorSegment", description = "One segment of a processor's share of the event stream.")
    public record Segment(@Schema(requiredMode = RequiredMode.REQUIRED, example = "0", description = "Its id.")
                          int segment,
                          @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "4656@host-a",
                                  description = "The node holding its claim; `null` when unclaimed.")
                          String owner,
                          @Schema(requiredMode = RequiredMode.REQUIRED, example = "true",
                                  description = "Whether this node processes it (then its figures are live).")
                          boolean claimedByThisNode,
                          @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "1234",
                                  description = "The last event-store position it has processed.")
                          Long position,
                          @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "true",
                                  description = "Whether it has reached the head; `null` on another node's.")
                          Boolean caughtUp,
                          @Schema(requiredMode = RequiredMode.REQUIRED, example = "false",
                                  description = "Whether it is replaying.")
                          boolean replaying,
                          @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true,
                                  description = "While replaying, the position where the replay ends.")
                          Long resetPosition,
                          @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true,
                                  minimum = "0", maximum = "1", description = "While replaying, 0 to 1.")
                          Double replayProgress,
                          @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "0",
                                  description = "Positions below `position` with no committed event yet that it "
                                                + "still watches for (appends in flight, or burnt by failed ones).")
                          Integer gaps,
                          @Schema(requiredMode = RequiredMode.REQUIRED, example = "false",
                                  description = "Whether it is failing.")
                          boolean error,
                          @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true,
                                  description = "What failed, when known.")
                          String errorMessage,
                          @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true,
                                  example = "2026-01-31T12:00:00Z",
                                  description = "When its owner last stored the token or renewed the claim.")
                          Instant tokenUpdatedAt) {
    }
}
