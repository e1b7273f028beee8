package dev.ledger.query.processors;

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
public record ProcessorStatus(String name, List<String> processingGroups, String type, boolean running,
                              boolean error, String errorMessage, Instant failingSince, boolean settingUpReplay,
                              boolean replaying, Double replayProgress, Long position, Long lagEvents,
                              Double lagSeconds, Long deadLetters, List<Segment> segments) {

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
    public record Segment(int segment, String owner, boolean claimedByThisNode, Long position, Boolean caughtUp,
                          boolean replaying, Long resetPosition, Double replayProgress, Integer gaps, boolean error,
                          String errorMessage, Instant tokenUpdatedAt) {
    }
}
