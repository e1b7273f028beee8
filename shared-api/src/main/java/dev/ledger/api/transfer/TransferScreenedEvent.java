package dev.ledger.api.transfer;

import java.util.List;

/**
 * The screening decision on a transfer, with every rule that fired and its inputs.
 *
 * @param transferId the transfer
 * @param decision   the verdict
 * @param hits       the rules that fired (empty when it passed)
 */
public record TransferScreenedEvent(String transferId, ScreeningDecision decision, List<ScreeningRuleHit> hits)
        implements PartOfTransfer {
}
