package dev.ledger.query.deadletter;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

@Schema(description = "A letter that left the queue without being applied.")
record EvictedLetter(@Schema(requiredMode = RequiredMode.REQUIRED, example = "alice",
                             description = "Its sequence.")
                     String sequenceIdentifier,
                     @Schema(requiredMode = RequiredMode.REQUIRED, example = "9f3c6a2e-4b1d-4c8e-9a7f-2d5e8b1c0a93",
                             description = "The event's id.")
                     String messageIdentifier,
                     @Schema(requiredMode = RequiredMode.REQUIRED,
                             example = "dev.ledger.api.account.MoneyDepositedEvent",
                             description = "The event's type.")
                     String payloadType,
                     @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "alice",
                             description = "The aggregate whose event it is.")
                     String aggregateIdentifier,
                     @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "1",
                             description = "Its sequence number in that stream.")
                     Long sequenceNumber) {
}
