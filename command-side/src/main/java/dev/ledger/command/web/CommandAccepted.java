package dev.ledger.command.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ledger.api.ConsistencyToken;

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
public record CommandAccepted(String id, String accountId, String transferId, long version, String consistencyToken) {

    public static CommandAccepted forAccount(String accountId, long version) {
        return new CommandAccepted(accountId, accountId, null, version,
                                   new ConsistencyToken(accountId, version).encode());
    }

    public static CommandAccepted forTransfer(String transferId, long version) {
        return new CommandAccepted(transferId, null, transferId, version,
                                   new ConsistencyToken(transferId, version).encode());
    }
}
