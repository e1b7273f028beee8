package dev.ledger.command.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.transfer.ExpireTransferReviewCommand;
import dev.ledger.command.support.CommandSideIntegrationTest;
import dev.ledger.command.support.TestCallers;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Refunds booked through HTTP on the real PostgreSQL: what each answer is, and what the event store holds after it
 * (balances from the postings' {@code balanceAfter}, the original's reservations from its own stream). Transfers of
 * at least 100000 go to review, as in the shared system-test ledger.
 */
@CommandSideIntegrationTest
@TestPropertySource(properties = "ledger.screening.amount-thresholds.EUR=100000")
class RefundBookingIntegrationTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private CommandGateway commands;
    @Autowired
    private ObjectMapper json;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String payer = "payer-" + run;
    private final String payee = "payee-" + run;
    private final String payerAccount = "rf-a-" + run;
    private final String payeeAccount = "rf-b-" + run;

    @Test
    void shouldRefundInPartsUpToTheAmountAndRefuseBeyondWithNothingWritten() throws Exception {
        String original = paid(1000);
        assertThat(refund(original, "{\"amount\": 400, \"reference\": \"part\"}").getStatus()).isEqualTo(202);
        assertThat(refund(original, "{\"amount\": 500}").getStatus()).isEqualTo(202);
        long eventsBefore = eventCount();

        MockHttpServletResponse beyond = refund(original, "{\"amount\": 101}");

        assertThat(beyond.getStatus()).isEqualTo(422);
        assertThat(beyond.getContentType()).startsWith("application/problem+json");
        assertThat(body(beyond).path("code").asText()).isEqualTo("REFUND_EXCEEDS_ORIGINAL");
        assertThat(eventCount()).as("a refused refund writes nothing").isEqualTo(eventsBefore);
        // without an amount: everything left, then nothing is left
        MockHttpServletResponse rest = refund(original, "{}");
        assertThat(rest.getStatus()).isEqualTo(202);
        assertThat(amountOf(body(rest).path("transferId").asText())).isEqualTo(100);
        assertThat(refund(original, "{}").getStatus()).isEqualTo(422);
        assertThat(balance(payerAccount)).isEqualTo(10_000);
        assertThat(balance(payeeAccount)).isZero();
        assertThat(count(original, "%RefundSettledEvent")).isEqualTo(3);
    }

    @Test
    void shouldAnswerARetriedRefundIdWithTheRefundAndAnotherContentWithAConflict() throws Exception {
        String original = paid(1000);
        String refundId = "rf-" + run;
        MockHttpServletResponse first = refund(original, "{\"refundId\": \"" + refundId + "\", \"amount\": 300}");
        assertThat(first.getStatus()).isEqualTo(202);

        MockHttpServletResponse again = refund(original, "{\"refundId\": \"" + refundId + "\", \"amount\": 300}");
        MockHttpServletResponse other = refund(original, "{\"refundId\": \"" + refundId + "\", \"amount\": 301}");

        assertThat(again.getStatus()).isEqualTo(202);
        assertThat(body(again)).isEqualTo(body(first));
        assertThat(other.getStatus()).isEqualTo(409);
        assertThat(body(other).path("code").asText()).isEqualTo("TRANSFER_ID_CONFLICT");
        assertThat(count(original, "%RefundReservedEvent")).isEqualTo(1);
        assertThat(balance(payerAccount)).isEqualTo(9_300);
    }

    @Test
    void shouldRefuseToRefundATransferNotCompletedOrARefund() throws Exception {
        String inReview = transfer(200_000);
        MockHttpServletResponse notCompleted = refund(inReview, "{}");
        assertThat(notCompleted.getStatus()).isEqualTo(422);
        assertThat(body(notCompleted).path("code").asText()).isEqualTo("TRANSFER_NOT_REFUNDABLE");

        String original = paid(1000);
        String refund = body(refund(original, "{\"amount\": 10}")).path("transferId").asText();
        // the refund's payee (the original's payer) owns the refund's destination
        MockHttpServletResponse ofARefund = send(payer, "/transfers/" + refund + "/refunds", "{}");
        assertThat(ofARefund.getStatus()).isEqualTo(422);
        assertThat(body(ofARefund).path("code").asText()).isEqualTo("TRANSFER_NOT_REFUNDABLE");
    }

    @Test
    void shouldLetOnlyThePayeeRefund() throws Exception {
        String original = paid(1000);
        long eventsBefore = eventCount();

        MockHttpServletResponse byPayer = send(payer, "/transfers/" + original + "/refunds", "{}");
        MockHttpServletResponse byStranger = send("stranger-" + run, "/transfers/" + original + "/refunds", "{}");
        MockHttpServletResponse unknown = refund("no-such-" + run, "{}");
        MockHttpServletResponse anAccount = refund(payeeAccount, "{}");

        assertThat(byPayer.getStatus()).isEqualTo(403);
        assertThat(byStranger.getStatus()).isEqualTo(404);
        assertThat(body(byStranger).path("code").asText()).isEqualTo("TRANSFER_NOT_FOUND");
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(anAccount.getStatus()).isEqualTo(404);
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void shouldGiveTheReservationBackWhenThePayeeCannotCoverTheRefund() throws Exception {
        String original = paid(1000);
        // the payee spends what it received
        send(payee, "/transfers", "{\"sourceAccountId\": \"" + payeeAccount + "\", \"destinationAccountId\": \""
                + payerAccount + "\", \"amount\": 900, \"currency\": \"EUR\"}");

        MockHttpServletResponse uncovered = refund(original, "{\"amount\": 500}");

        assertThat(uncovered.getStatus()).as("booked, and rejected").isEqualTo(202);
        String refund = body(uncovered).path("transferId").asText();
        assertThat(count(refund, "%TransferRejectedEvent")).isEqualTo(1);
        assertThat(released(original, refund)).isEqualTo("REJECTED");
        deposit(payeeAccount, 400);
        MockHttpServletResponse covered = refund(original, "{\"amount\": 500}");
        assertThat(covered.getStatus()).isEqualTo(202);
        assertThat(count(body(covered).path("transferId").asText(), "%TransferCompletedEvent")).isEqualTo(1);
        assertThat(balance(payeeAccount)).isZero();
        assertThat(count(original, "%RefundSettledEvent")).isEqualTo(1);
        // the rejected refund's 500 was given back: 500 is still refundable, not 0
        assertThat(refund(original, "{\"amount\": 501}").getStatus()).isEqualTo(422);
    }

    @Test
    void shouldKeepTheReservationWhileInReviewAndGiveItBackOnRejectionOrExpiry() throws Exception {
        deposit(payerAccount, 1_000_000);
        String original = transfer(500_000);
        review(original, "APPROVE");
        String rejected = body(refund(original, "{\"amount\": 300000}")).path("transferId").asText();
        assertThat(refund(original, "{\"amount\": 200001}").getStatus()).as("300000 reserved in review")
                                                                           .isEqualTo(422);

        review(rejected, "REJECT");
        assertThat(released(original, rejected)).isEqualTo("REJECTED");
        String expired = body(refund(original, "{\"amount\": 500000}")).path("transferId").asText();
        assertThat(refund(original, "{\"amount\": 1}").getStatus()).isEqualTo(422);
        commands.sendAndWait(new ExpireTransferReviewCommand(expired));
        assertThat(released(original, expired)).isEqualTo("REJECTED");

        String approved = body(refund(original, "{}")).path("transferId").asText();
        review(approved, "APPROVE");
        assertThat(count(original, "%RefundSettledEvent")).isEqualTo(1);
        assertThat(amountOf(approved)).isEqualTo(500_000);
        assertThat(balance(payeeAccount)).isZero();
        assertThat(balance(payerAccount)).isEqualTo(1_000_000);
    }

    @Test
    void shouldGiveTheReservationBackWhenAnApprovedRefundCannotBeCredited() throws Exception {
        deposit(payerAccount, 200_000);
        String original = transfer(200_000);
        review(original, "APPROVE");
        String refund = body(refund(original, "{\"amount\": 150000}")).path("transferId").asText();
        send(TestCallers.TESTER, "/accounts/" + payerAccount + "/freeze", "{\"reason\": \"test\"}");

        review(refund, "APPROVE");

        assertThat(count(refund, "%TransferFailedEvent")).isEqualTo(1);
        assertThat(released(original, refund)).isEqualTo("FAILED");
        assertThat(balance(payeeAccount)).as("the hold was released, nothing moved").isEqualTo(200_000);
        assertThat(refund(original, "{\"amount\": 200000}").getStatus()).as("all of it refundable again")
                                                                          .isEqualTo(202);
    }

    @Test
    void shouldRejectARefundToAFrozenAccountAndGiveItsReservationBack() throws Exception {
        String original = paid(1000);
        send(TestCallers.TESTER, "/accounts/" + payerAccount + "/freeze", "{\"reason\": \"test\"}");

        MockHttpServletResponse frozen = refund(original, "{\"amount\": 1000}");

        String refund = body(frozen).path("transferId").asText();
        assertThat(frozen.getStatus()).isEqualTo(202);
        assertThat(released(original, refund)).isEqualTo("REJECTED");
        assertThat(balance(payeeAccount)).isEqualTo(1000);
    }

    // --- setup ---------------------------------------------------------------------------------------------------

    /** A completed transfer of {@code amount} from the payer's account (10000 deposited) to the payee's. */
    private String paid(long amount) throws Exception {
        deposit(payerAccount, 10_000);
        return transfer(amount);
    }

    private String transfer(long amount) throws Exception {
        openAccounts();
        MockHttpServletResponse response = send(payer, "/transfers", "{\"sourceAccountId\": \"" + payerAccount
                + "\", \"destinationAccountId\": \"" + payeeAccount + "\", \"amount\": " + amount
                + ", \"currency\": \"EUR\"}");
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(202);
        return body(response).path("transferId").asText();
    }

    private boolean opened;

    private void openAccounts() throws Exception {
        if (!opened) {
            send(payer, "/accounts", "{\"accountId\": \"" + payerAccount + "\", \"currency\": \"EUR\"}");
            send(payee, "/accounts", "{\"accountId\": \"" + payeeAccount + "\", \"currency\": \"EUR\"}");
            opened = true;
        }
    }

    private void deposit(String account, long amount) throws Exception {
        openAccounts();
        MockHttpServletResponse response = send(TestCallers.TESTER, "/accounts/" + account + "/deposits",
                                                "{\"amount\": " + amount + ", \"currency\": \"EUR\"}");
        assertThat(response.getStatus()).isEqualTo(202);
    }

    private void review(String transferId, String decision) throws Exception {
        MockHttpServletResponse response = send("reviewer", "/transfers/" + transferId + "/review",
                                                "{\"decision\": \"" + decision + "\"}");
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(202);
    }

    private MockHttpServletResponse refund(String transferId, String body) throws Exception {
        return send(payee, "/transfers/" + transferId + "/refunds", body);
    }

    private MockHttpServletResponse send(String subject, String path, String body) throws Exception {
        String bearer = subject.equals(TestCallers.TESTER) || subject.equals("reviewer")
                ? TestCallers.bearer(subject, "ledger.treasury", "ledger.compliance")
                : TestCallers.bearer(subject, "ledger.holder");
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON)
                                     .header("Idempotency-Key", UUID.randomUUID().toString())
                                     .header(HttpHeaders.AUTHORIZATION, bearer)
                                     .content(body))
                  .andReturn().getResponse();
    }

    private JsonNode body(MockHttpServletResponse response) throws Exception {
        return json.readTree(response.getContentAsString());
    }

    // --- the event store -----------------------------------------------------------------------------------------

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_command.domain_event_entry", Long.class);
    }

    private long count(String aggregate, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_command.domain_event_entry "
                                           + "WHERE aggregate_identifier = ? AND payload_type LIKE ?", Long.class,
                                   aggregate, type);
    }

    /** How the original recorded that the refund gave its reservation back, or {@code null}. */
    private String released(String original, String refund) {
        return jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'refundStatus' FROM ledger_command.domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%RefundReleasedEvent'
                  AND convert_from(payload, 'UTF8')::jsonb ->> 'refundId' = ?""", String.class, original, refund)
                   .stream().findFirst().orElse(null);
    }

    private long amountOf(String transferId) {
        return jdbc.queryForObject("SELECT amount FROM ledger_command.transfer_directory WHERE transfer_id = ?",
                                   Long.class, transferId);
    }

    private long balance(String account) {
        return jdbc.queryForList("""
                SELECT (convert_from(payload, 'UTF8')::jsonb ->> 'balanceAfter')::bigint
                FROM ledger_command.domain_event_entry
                WHERE aggregate_identifier = ? AND convert_from(payload, 'UTF8')::jsonb ->> 'balanceAfter' IS NOT NULL
                ORDER BY sequence_number DESC LIMIT 1""", Long.class, account).stream().findFirst().orElse(0L);
    }
}
