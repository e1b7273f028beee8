package dev.ledger.command.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ledger.api.ConsistencyToken;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to every accepted command: what it produced and a token to read it back with.
 *
 * @param id               the id of what the command created or changed
 * @param accountId        the account, for account commands
 * @param transferId       the transfer, for transfer commands
 * @param version          the aggregate version (sequence number of its last event) the command produced
 * @param consistencyToken pass as {@code ?after=} or {@code X-Consistency-Token} to the query side
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The command is committed to the event store: what it produced, and a token to read it back "
                      + "with. The query side's read models show it shortly after.")
public record CommandAccepted(
        @Schema(description = "The id of the account or transfer the command created or changed.", example = "alice",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String id,
        @Schema(description = "The account, for an account's commands.", example = "alice")
        String accountId,
        @Schema(description = "The transfer (or refund), for a transfer's commands.", example = "t-1")
        String transferId,
        @Schema(description = "The aggregate's version after the command: the sequence number of its last event (an "
                              + "account's opening is 0). What `If-Match` names, and what reads show as `version`.",
                example = "1", requiredMode = Schema.RequiredMode.REQUIRED)
        long version,
        @Schema(description = "`<id>@<version>`. Pass it to the query side as `?after=` or `X-Consistency-Token` "
                              + "(with a bounded `?wait=`): it answers only from a read model that has applied this "
                              + "version, otherwise `\"processing\": true`, never a stale answer and never a 404.",
                example = "alice@1", requiredMode = Schema.RequiredMode.REQUIRED)
        String consistencyToken) {

    public static CommandAccepted forAccount(String accountId, long version) {
        return new CommandAccepted(accountId, accountId, null, version,
                                   new ConsistencyToken(accountId, version).encode());
    }

    public static CommandAccepted forTransfer(String transferId, long version) {
        return new CommandAccepted(transferId, null, transferId, version,
                                   new ConsistencyToken(transferId, version).encode());
    }
}
