package dev.ledger.command.screening;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The AML screening rules, from configuration ({@code ledger.screening.*}).
 *
 * @param denyAccountIds    accounts that may neither send nor receive (→ rejected)
 * @param denyOwnerRefs     owner references that may neither send nor receive (→ rejected)
 * @param amountThresholds  per currency, the amount (minor units) at or above which a person must review
 * @param velocityWindow    how far back the velocity rule looks
 * @param velocityMaxCount  more transfers than this out of one account within the window → review
 * @param velocityMaxSums   per currency, more than this sum out of one account within the window → review
 * @param reviewTimeout     a review not decided within this time rejects the transfer
 */
@ConfigurationProperties(prefix = "ledger.screening")
public record ScreeningProperties(@DefaultValue Set<String> denyAccountIds,
                                  @DefaultValue Set<String> denyOwnerRefs,
                                  @DefaultValue Map<String, Long> amountThresholds,
                                  @DefaultValue("1h") Duration velocityWindow,
                                  @DefaultValue("2147483647") int velocityMaxCount,
                                  @DefaultValue Map<String, Long> velocityMaxSums,
                                  @DefaultValue("24h") Duration reviewTimeout) {

    public ScreeningProperties {
        // immutable copies: the policy shares them across threads (binding gives empty ones, never null)
        denyAccountIds = Set.copyOf(denyAccountIds);
        denyOwnerRefs = Set.copyOf(denyOwnerRefs);
        amountThresholds = Map.copyOf(amountThresholds);
        velocityMaxSums = Map.copyOf(velocityMaxSums);
    }
}
