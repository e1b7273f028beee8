package dev.ledger.command.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.ledger.api.Money;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.ScreeningRuleHit;
import dev.ledger.command.directory.AccountDirectory.ListedAccount;
import dev.ledger.command.directory.TransferDirectory;
import dev.ledger.command.directory.TransferDirectory.Activity;
import dev.ledger.command.screening.ScreeningPolicy.ScreeningResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class ScreeningPolicyTest {

    private static final Instant NOW = Instant.parse("2025-03-14T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final ListedAccount ALICE = new ListedAccount("acc-alice", "EUR", "owner-alice", "holder-1");
    private static final ListedAccount BOB = new ListedAccount("acc-bob", "EUR", "owner-bob", "holder-1");
    private static final ListedAccount ANONYMOUS = new ListedAccount("acc-anon", "EUR", null, "holder-1");

    private TransferDirectory transfers;

    @BeforeEach
    void setUp() {
        transfers = mock(TransferDirectory.class);
        when(transfers.activitySince(any(), any(), any())).thenReturn(new Activity(0, 0));
    }

    @Nested
    class DenyList {

        @Test
        void shouldDenyATransferFromADeniedAccount() {
            ScreeningPolicy policy = policy(rules().denyAccounts("acc-alice"));

            ScreeningResult result = policy.screen(ALICE, BOB, eur(100));

            assertThat(result.decision()).isEqualTo(ScreeningDecision.DENIED);
            assertThat(result.hits()).containsExactly(
                    hit("deny-list", ScreeningDecision.DENIED, "party", "source", "accountId", "acc-alice"));
        }

        @Test
        void shouldDenyATransferToADeniedAccount() {
            ScreeningPolicy policy = policy(rules().denyAccounts("acc-bob"));

            ScreeningResult result = policy.screen(ALICE, BOB, eur(100));

            assertThat(result.decision()).isEqualTo(ScreeningDecision.DENIED);
            assertThat(result.hits()).containsExactly(
                    hit("deny-list", ScreeningDecision.DENIED, "party", "destination", "accountId", "acc-bob"));
        }

        @Test
        void shouldDenyATransferInvolvingADeniedOwner() {
            ScreeningPolicy policy = policy(rules().denyOwners("owner-bob"));

            ScreeningResult result = policy.screen(ALICE, BOB, eur(100));

            assertThat(result.decision()).isEqualTo(ScreeningDecision.DENIED);
            assertThat(result.hits()).containsExactly(
                    hit("deny-list", ScreeningDecision.DENIED, "party", "destination", "ownerRef", "owner-bob"));
        }

        @Test
        void shouldReportEveryDenyListEntryThatMatches() {
            ScreeningPolicy policy = policy(rules().denyAccounts("acc-alice", "acc-bob").denyOwners("owner-alice"));

            ScreeningResult result = policy.screen(ALICE, BOB, eur(100));

            assertThat(result.decision()).isEqualTo(ScreeningDecision.DENIED);
            assertThat(result.hits()).containsExactly(
                    hit("deny-list", ScreeningDecision.DENIED, "party", "source", "accountId", "acc-alice"),
                    hit("deny-list", ScreeningDecision.DENIED, "party", "source", "ownerRef", "owner-alice"),
                    hit("deny-list", ScreeningDecision.DENIED, "party", "destination", "accountId", "acc-bob"));
        }

        @Test
        void shouldPassAnAccountWithoutOwnerWhenOnlyOwnersAreDenied() {
            ScreeningPolicy policy = policy(rules().denyOwners("owner-alice"));

            ScreeningResult result = policy.screen(ANONYMOUS, BOB, eur(100));

            assertThat(result.decision()).isEqualTo(ScreeningDecision.PASSED);
            assertThat(result.hits()).isEmpty();
        }
    }

    @Nested
    class AmountThreshold {

        @Test
        void shouldSendAnAmountAtTheThresholdToReview() {
            ScreeningPolicy policy = policy(rules().threshold("EUR", 1_000_000));

            ScreeningResult result = policy.screen(ALICE, BOB, eur(1_000_000));

            assertThat(result.decision()).isEqualTo(ScreeningDecision.REVIEW);
            assertThat(result.hits()).containsExactly(
                    hit("amount-threshold", ScreeningDecision.REVIEW,
                        "amount", "1000000", "currency", "EUR", "threshold", "1000000"));
        }

        @Test
        void shouldPassAnAmountJustBelowTheThreshold() {
            ScreeningPolicy policy = policy(rules().threshold("EUR", 1_000_000));

            ScreeningResult result = policy.screen(ALICE, BOB, eur(999_999));

            assertThat(result.decision()).isEqualTo(ScreeningDecision.PASSED);
            assertThat(result.hits()).isEmpty();
        }

        @Test
        void shouldApplyOnlyTheThresholdOfTheTransfersCurrency() {
            ScreeningPolicy policy = policy(rules().threshold("USD", 10));

            ScreeningResult result = policy.screen(ALICE, BOB, eur(5_000_000));

            assertThat(result.decision()).isEqualTo(ScreeningDecision.PASSED);
        }
    }

    @Nested
    class Velocity {

        @Test
        void shouldCountTheNewTransferOnTopOfTheRecentOnes() {
            when(transfers.activitySince("acc-alice", "EUR", NOW.minus(Duration.ofHours(1))))
                    .thenReturn(new Activity(3, 300));
            ScreeningPolicy policy = policy(rules().window(Duration.ofHours(1)).maxCount(3));

            ScreeningResult result = policy.screen(ALICE, BOB, eur(100));

            assertThat(result.decision()).isEqualTo(ScreeningDecision.REVIEW);
            assertThat(result.hits()).containsExactly(
                    hit("velocity", ScreeningDecision.REVIEW, "window", "PT1H", "count", "4", "maxCount", "3"));
        }

        @Test
        void shouldPassWhenTheNewTransferReachesButDoesNotExceedTheMaxCount() {
            when(transfers.activitySince(any(), any(), any())).thenReturn(new Activity(2, 200));
            ScreeningPolicy policy = policy(rules().maxCount(3));

            assertThat(policy.screen(ALICE, BOB, eur(100)).decision()).isEqualTo(ScreeningDecision.PASSED);
        }

        @Test
        void shouldAddTheNewAmountToTheRecentSum() {
            when(transfers.activitySince("acc-alice", "EUR", NOW.minus(Duration.ofMinutes(30))))
                    .thenReturn(new Activity(1, 9_001));
            ScreeningPolicy policy = policy(rules().window(Duration.ofMinutes(30)).maxSum("EUR", 10_000));

            ScreeningResult result = policy.screen(ALICE, BOB, eur(1_000));

            assertThat(result.decision()).isEqualTo(ScreeningDecision.REVIEW);
            assertThat(result.hits()).containsExactly(
                    hit("velocity", ScreeningDecision.REVIEW,
                        "window", "PT30M", "sum", "10001", "currency", "EUR", "maxSum", "10000"));
        }

        @Test
        void shouldPassWhenTheSumReachesButDoesNotExceedTheMaxSum() {
            when(transfers.activitySince(any(), any(), any())).thenReturn(new Activity(1, 9_000));
            ScreeningPolicy policy = policy(rules().maxSum("EUR", 10_000));

            assertThat(policy.screen(ALICE, BOB, eur(1_000)).decision()).isEqualTo(ScreeningDecision.PASSED);
        }

        @Test
        void shouldReportBothVelocityLimitsWhenBothAreExceeded() {
            when(transfers.activitySince(any(), any(), any())).thenReturn(new Activity(5, 50_000));
            ScreeningPolicy policy = policy(rules().maxCount(5).maxSum("EUR", 50_000));

            ScreeningResult result = policy.screen(ALICE, BOB, eur(1));

            assertThat(result.hits()).containsExactly(
                    hit("velocity", ScreeningDecision.REVIEW, "window", "PT1H", "count", "6", "maxCount", "5"),
                    hit("velocity", ScreeningDecision.REVIEW,
                        "window", "PT1H", "sum", "50001", "currency", "EUR", "maxSum", "50000"));
        }

        @Test
        void shouldLookBackOverTheConfiguredWindowFromTheClock() {
            ScreeningPolicy policy = policy(rules().window(Duration.ofMinutes(15)).maxCount(10));

            policy.screen(ALICE, BOB, eur(100));

            verify(transfers).activitySince("acc-alice", "EUR", Instant.parse("2025-03-14T11:45:00Z"));
        }

        @Test
        void shouldNotReadTheDirectoryWhenNoVelocityRuleAppliesToTheCurrency() {
            ScreeningPolicy policy = policy(rules().maxSum("USD", 10));

            ScreeningResult result = policy.screen(ALICE, BOB, eur(1_000_000_000));

            assertThat(result.decision()).isEqualTo(ScreeningDecision.PASSED);
            verifyNoInteractions(transfers);
        }

        /** So that two transfers of one source requested at once are counted one after the other. */
        @Test
        void shouldTakeTheSourcesScreeningLockBeforeCountingItsTransfers() {
            ScreeningPolicy policy = policy(rules().maxCount(3));

            policy.screen(ALICE, BOB, eur(100));

            InOrder order = inOrder(transfers);
            order.verify(transfers).lockScreeningOf("acc-alice");
            order.verify(transfers).activitySince("acc-alice", "EUR", NOW.minus(Duration.ofHours(1)));
            verify(transfers, never()).lockScreeningOf("acc-bob");
        }

        @Test
        void shouldMeasureTheVelocityOfTheSourceOnly() {
            ScreeningPolicy policy = policy(rules().maxCount(1));

            policy.screen(ALICE, BOB, eur(100));

            verify(transfers).activitySince("acc-alice", "EUR", NOW.minus(Duration.ofHours(1)));
            verify(transfers, never()).activitySince(eq("acc-bob"), any(), any());
        }
    }

    @Nested
    class Decision {

        @Test
        void shouldDenyWhenADenyListHitAndAReviewRuleFireTogether() {
            when(transfers.activitySince(any(), any(), any())).thenReturn(new Activity(10, 0));
            ScreeningPolicy policy = policy(rules().denyOwners("owner-bob").threshold("EUR", 100).maxCount(1));

            ScreeningResult result = policy.screen(ALICE, BOB, eur(100));

            assertThat(result.decision()).isEqualTo(ScreeningDecision.DENIED);
            assertThat(result.hits()).extracting(ScreeningRuleHit::rule)
                                     .containsExactly("deny-list", "amount-threshold", "velocity");
        }

        @Test
        void shouldReviewWhenOnlyReviewRulesFire() {
            when(transfers.activitySince(any(), any(), any())).thenReturn(new Activity(10, 0));
            ScreeningPolicy policy = policy(rules().threshold("EUR", 100).maxCount(1));

            ScreeningResult result = policy.screen(ALICE, BOB, eur(100));

            assertThat(result.decision()).isEqualTo(ScreeningDecision.REVIEW);
            assertThat(result.hits()).extracting(ScreeningRuleHit::outcome)
                                     .containsOnly(ScreeningDecision.REVIEW).hasSize(2);
        }

        @Test
        void shouldPassEverythingUnderTheDefaultRules() {
            ScreeningProperties defaults = ScreeningRules.defaults();
            ScreeningPolicy policy = new ScreeningPolicy(defaults, transfers, CLOCK);

            ScreeningResult result = policy.screen(ALICE, BOB, eur(1_000_000_000_000_000L));

            assertThat(result.decision()).isEqualTo(ScreeningDecision.PASSED);
            assertThat(result.hits()).isEmpty();
            verifyNoInteractions(transfers);
        }

        @Test
        void shouldOfferTheConfiguredReviewTimeout() {
            ScreeningProperties properties = ScreeningRules.bound(Map.of("review-timeout", "4h"));

            assertThat(new ScreeningPolicy(properties, transfers, CLOCK).reviewTimeout())
                    .isEqualTo(Duration.ofHours(4));
            assertThat(new ScreeningPolicy(ScreeningRules.defaults(),
                                           transfers, CLOCK).reviewTimeout())
                    .isEqualTo(Duration.ofHours(24));
        }
    }

    private ScreeningPolicy policy(Rules rules) {
        return new ScreeningPolicy(rules.build(), transfers, CLOCK);
    }

    private static Rules rules() {
        return new Rules();
    }

    private static Money eur(long amount) {
        return new Money(amount, "EUR");
    }

    private static ScreeningRuleHit hit(String rule, ScreeningDecision outcome, String... keyValues) {
        Map<String, String> inputs = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            inputs.put(keyValues[i], keyValues[i + 1]);
        }
        return new ScreeningRuleHit(rule, outcome, inputs);
    }

    /** Builds {@link ScreeningProperties}, every rule off unless set. */
    private static final class Rules {

        private Set<String> denyAccountIds = Set.of();
        private Set<String> denyOwnerRefs = Set.of();
        private Map<String, Long> thresholds = Map.of();
        private Duration window;
        private Integer maxCount;
        private Map<String, Long> maxSums = Map.of();

        Rules denyAccounts(String... ids) {
            denyAccountIds = Set.of(ids);
            return this;
        }

        Rules denyOwners(String... refs) {
            denyOwnerRefs = Set.of(refs);
            return this;
        }

        Rules threshold(String currency, long amount) {
            thresholds = Map.of(currency, amount);
            return this;
        }

        Rules window(Duration window) {
            this.window = window;
            return this;
        }

        Rules maxCount(int maxCount) {
            this.maxCount = maxCount;
            return this;
        }

        Rules maxSum(String currency, long sum) {
            maxSums = Map.of(currency, sum);
            return this;
        }

        ScreeningProperties build() {
            ScreeningProperties defaults = ScreeningRules.defaults();
            return new ScreeningProperties(denyAccountIds, denyOwnerRefs, thresholds,
                                           window == null ? defaults.velocityWindow() : window,
                                           maxCount == null ? defaults.velocityMaxCount() : maxCount, maxSums,
                                           defaults.reviewTimeout());
        }
    }
}
