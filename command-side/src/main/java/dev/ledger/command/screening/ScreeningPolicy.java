package dev.ledger.command.screening;

import dev.ledger.api.Money;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.ScreeningRuleHit;
import dev.ledger.command.directory.AccountDirectory.ListedAccount;
import dev.ledger.command.directory.TransferDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Decides whether a transfer may move money: a deny list (hard, rejects), an amount threshold and a velocity
 * rule per source account (soft, a person reviews). Every rule that fires is reported with the inputs it saw,
 * and the {@code Transfer} aggregate records that in the same append as its state.
 * <p>
 * Velocity is decided one transfer at a time per source: the screening takes the source's lock in the transfer
 * directory (held until its transaction ends, in which the new transfer's row is written) before it counts, so two
 * transfers requested at the same instant are counted one after the other, on every node.
 */
@Component
@EnableConfigurationProperties(ScreeningProperties.class)
public class ScreeningPolicy {

    static final String DENY_LIST = "deny-list";
    static final String AMOUNT_THRESHOLD = "amount-threshold";
    static final String VELOCITY = "velocity";

    private final ScreeningProperties rules;
    private final TransferDirectory transfers;
    private final Clock clock;

    @Autowired
    ScreeningPolicy(ScreeningProperties rules, TransferDirectory transfers) {
        this(rules, transfers, Clock.systemUTC());
    }

    ScreeningPolicy(ScreeningProperties rules, TransferDirectory transfers, Clock clock) {
        this.rules = rules;
        this.transfers = transfers;
        this.clock = clock;
    }

    public ScreeningResult screen(ListedAccount source, ListedAccount destination, Money amount) {
        List<ScreeningRuleHit> hits = new ArrayList<>();
        for (ListedAccount party : List.of(source, destination)) {
            String role = party == source ? "source" : "destination";
            if (rules.denyAccountIds().contains(party.accountId())) {
                hits.add(hit(DENY_LIST, ScreeningDecision.DENIED, "party", role, "accountId", party.accountId()));
            }
            if (party.ownerRef() != null && rules.denyOwnerRefs().contains(party.ownerRef())) {
                hits.add(hit(DENY_LIST, ScreeningDecision.DENIED, "party", role, "ownerRef", party.ownerRef()));
            }
        }
        Long threshold = rules.amountThresholds().get(amount.currency());
        if (threshold != null && amount.amount() >= threshold) {
            hits.add(hit(AMOUNT_THRESHOLD, ScreeningDecision.REVIEW, "amount", Long.toString(amount.amount()),
                         "currency", amount.currency(), "threshold", Long.toString(threshold)));
        }
        screenVelocity(source, amount, hits);
        ScreeningDecision decision = hits.stream().map(ScreeningRuleHit::outcome)
                                         .reduce(ScreeningDecision.PASSED, ScreeningPolicy::stricter);
        return new ScreeningResult(decision, List.copyOf(hits));
    }

    private void screenVelocity(ListedAccount source, Money amount, List<ScreeningRuleHit> hits) {
        Long maxSum = rules.velocityMaxSums().get(amount.currency());
        boolean countRule = rules.velocityMaxCount() != Integer.MAX_VALUE;
        if (!countRule && maxSum == null) {
            return;
        }
        transfers.lockScreeningOf(source.accountId());
        Instant since = clock.instant().minus(rules.velocityWindow());
        TransferDirectory.Activity recent = transfers.activitySince(source.accountId(), amount.currency(), since);
        long count = recent.count() + 1;
        long sum = recent.sum() + amount.amount();
        if (countRule && count > rules.velocityMaxCount()) {
            hits.add(hit(VELOCITY, ScreeningDecision.REVIEW, "window", rules.velocityWindow().toString(),
                         "count", Long.toString(count), "maxCount", Integer.toString(rules.velocityMaxCount())));
        }
        if (maxSum != null && sum > maxSum) {
            hits.add(hit(VELOCITY, ScreeningDecision.REVIEW, "window", rules.velocityWindow().toString(),
                         "sum", Long.toString(sum), "currency", amount.currency(), "maxSum", Long.toString(maxSum)));
        }
    }

    /** The review timeout for transfers this policy sent to review. */
    public java.time.Duration reviewTimeout() {
        return rules.reviewTimeout();
    }

    private static ScreeningDecision stricter(ScreeningDecision a, ScreeningDecision b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    private static ScreeningRuleHit hit(String rule, ScreeningDecision outcome, String... keyValues) {
        Map<String, String> inputs = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            inputs.put(keyValues[i], keyValues[i + 1]);
        }
        return new ScreeningRuleHit(rule, outcome, inputs);
    }

    /** The verdict and the rules behind it. */
    public record ScreeningResult(ScreeningDecision decision, List<ScreeningRuleHit> hits) {
    }
}
