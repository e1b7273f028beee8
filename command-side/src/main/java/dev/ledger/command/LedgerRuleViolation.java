package dev.ledger.command;

import dev.ledger.api.ErrorCode;
import org.axonframework.commandhandling.CommandExecutionException;

/**
 * A command refused because it breaks a rule of the ledger. The {@link ErrorCode} travels as the exception's
 * details, which Axon keeps intact also when the command crossed Axon Server to another node.
 */
public class LedgerRuleViolation extends CommandExecutionException {

    public LedgerRuleViolation(ErrorCode code, String message) {
        super(message, null, code);
    }

    public ErrorCode code() {
        return (ErrorCode) getDetails().orElseThrow();
    }
}
