package dev.ledger.query.transfer;

import dev.ledger.api.query.ScreeningView;
import dev.ledger.api.query.TransferStepView;
import dev.ledger.api.query.TransferView;
import java.util.List;
import java.util.Set;

/**
 * A transfer as one of its parties may see it. Compliance and auditors see everything; a holder that is a party
 * sees the outcome and the timeline's reason codes, but not what belongs to compliance or to the other party:
 * <ul>
 *     <li>screening: the decision only, not the rules that fired and their inputs (the other party's owner
 *     reference on a deny list, thresholds, the velocity counts of the source), nor the reviewer and the review
 *     note. Telling a customer that its counterparty is on a sanctions list is exactly the tipping-off AML rules
 *     forbid;</li>
 *     <li>the timeline: reason codes without their details, and a refusal by the other party's account (frozen,
 *     closed) only as {@code COUNTERPARTY_REFUSED}, so a payer does not learn of a compliance action on the
 *     payee's account;</li>
 *     <li>the correlation id only to the requester, whose request it names;</li>
 *     <li>the account versions of its own accounts only.</li>
 * </ul>
 * The labels are shown to both parties, like the reference: a payee matches a payment to its order by them.
 */
final class PartyView {

    static final String COUNTERPARTY_REFUSED = "COUNTERPARTY_REFUSED";
    private static final Set<String> ACCOUNT_STATE = Set.of("ACCOUNT_FROZEN", "ACCOUNT_CLOSED", "BALANCE_OVERFLOW",
                                                            "ACCOUNT_NOT_FOUND");

    private PartyView() {
    }

    static TransferView of(TransferView full, String viewer, String sourceOwner, String destinationOwner) {
        boolean ownsSource = viewer.equals(sourceOwner);
        boolean ownsDestination = viewer.equals(destinationOwner);
        List<TransferStepView> steps = full.steps().stream()
                                           .map(step -> new TransferStepView(step.status(), step.at(),
                                                                             reason(step.reason(), ownsSource,
                                                                                    ownsDestination)))
                                           .toList();
        ScreeningView screening = full.screening() == null ? null
                : new ScreeningView(full.screening().decision(), List.of(), null, null);
        return new TransferView(full.transferId(), full.sourceAccountId(), full.destinationAccountId(),
                                full.amount(), full.currency(), full.reference(), full.status(), steps, screening,
                                viewer.equals(full.requestedBy()) ? full.correlationId() : null, full.requestedBy(), full.version(), full.requestedAt(),
                                full.updatedAt(), full.refundOf(), full.refundedAmount(), full.refunds(),
                                full.metadata(),
                                ownVersions(full, ownsSource, ownsDestination),
                                full.postingsToken());
    }

    /**
     * The versions of the viewer's own accounts only: how many events the other party's account has had is none of
     * its business, and it could not read that account anyway.
     */
    private static List<String> ownVersions(TransferView full, boolean ownsSource, boolean ownsDestination) {
        if (full.accountVersions() == null) {
            return List.of();
        }
        return full.accountVersions().stream()
                   .filter(token -> (ownsSource && token.startsWith(full.sourceAccountId() + "@"))
                                    || (ownsDestination && token.startsWith(full.destinationAccountId() + "@")))
                   .toList();
    }

    /** {@code "ACCOUNT_FROZEN: destination acc-9 refused"} → the code, or the counterparty's refusal unnamed. */
    static String reason(String reason, boolean ownsSource, boolean ownsDestination) {
        if (reason == null) {
            return null;
        }
        int colon = reason.indexOf(':');
        String code = colon < 0 ? reason : reason.substring(0, colon);
        String detail = colon < 0 ? "" : reason.substring(colon + 1).strip();
        if (!ACCOUNT_STATE.contains(code)) {
            return code;
        }
        boolean aboutSource = detail.startsWith("source");
        boolean aboutDestination = detail.startsWith("destination");
        if ((aboutSource && ownsSource) || (aboutDestination && ownsDestination)
                || (!aboutSource && !aboutDestination && ownsSource && ownsDestination)) {
            return code;
        }
        return COUNTERPARTY_REFUSED;
    }
}
