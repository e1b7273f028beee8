package dev.ledger.command.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A statement takes an entry id it has seen for a redelivery: two postings with one id would lose the second. Ids
 * may contain ':', so the capture's posting ids must join authorization and capture with a character ids cannot
 * hold.
 */
class CapturePostingIdsTest {

    @Test
    void shouldGiveCapturesOfTwoAuthorizationsThatShareAPrefixDistinctPostingIds() {
        assertThat(AuthorizationBooking.debitPostingId("a:b", "c"))
                .isNotEqualTo(AuthorizationBooking.debitPostingId("a", "b:c"));
        assertThat(AuthorizationBooking.creditPostingId("a:b", "c"))
                .isNotEqualTo(AuthorizationBooking.creditPostingId("a", "b:c"));
    }

    @Test
    void shouldNeverPostTheIdOfATransfersLeg() {
        // transfer "a:b" debits "a:b:debit"
        assertThat(AuthorizationBooking.debitPostingId("a", "b")).isNotEqualTo("a:b:debit");
    }
}
