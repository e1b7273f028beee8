package dev.ledger.command.screening;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

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
public record ScreeningProperties(Set<String> denyAccountIds,
                                  Set<String> denyOwnerRefs,
                                  Map<String, Long> amountThresholds,
                                  Duration velocityWindow,
                                  Integer velocityMaxCount,
                                  Map<String, Long> velocityMaxSums,
                                  Duration reviewTimeout) {

    public ScreeningProperties {
        denyAccountIds = denyAccountIds == null ? Set.of() : Set.copyOf(denyAccountIds);
        denyOwnerRefs = denyOwnerRefs == null ? Set.of() : Set.copyOf(denyOwnerRefs);
        amountThresholds = amountThresholds == null ? Map.of() : Map.copyOf(amountThresholds);
        velocityWindow = velocityWindow == null ? Duration.ofHours(1) : velocityWindow;
        velocityMaxCount = velocityMaxCount == null ? Integer.MAX_VALUE : velocityMaxCount;
        velocityMaxSums = velocityMaxSums == null ? Map.of() : Map.copyOf(velocityMaxSums);
        reviewTimeout = reviewTimeout == null ? Duration.ofHours(24) : reviewTimeout;
    }
}
