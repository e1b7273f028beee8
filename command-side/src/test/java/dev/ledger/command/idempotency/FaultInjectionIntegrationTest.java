package dev.ledger.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.ledger.command.support.CommandSideIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The test hooks the fault suite and the system tests rely on ({@code ledger.faults.enabled}): each breaks a
 * successful command at its moment, and what a retry with the same key then gets tells which side of the commit the
 * break was on.
 */
@CommandSideIntegrationTest
@TestPropertySource(properties = "ledger.faults.enabled=true")
class FaultInjectionIntegrationTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcTemplate jdbc;

    /** The effect and its key committed, the answer lost: the retry gets the first answer, nothing twice. */
    @Test
    void shouldReplayTheCommittedDepositWhoseAnswerWasLost() throws Exception {
        open("fi-after");

        assertThat(deposit("fi-after", "fi-after-1", "after-commit")).isNull();
        MockHttpServletResponse retried = deposit("fi-after", "fi-after-1", null);

        assertThat(retried.getStatus()).isEqualTo(202);
        assertThat(retried.getHeader(CommandRequestFilter.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(depositsOf("fi-after")).isEqualTo(1);
    }

    /** The command done and its answer written, then rolled back: neither is kept, the retry runs it anew. */
    @Test
    void shouldRunAgainTheDepositWhoseTransactionRolledBack() throws Exception {
        open("fi-before");

        assertThat(deposit("fi-before", "fi-before-1", "before-commit")).isNull();
        assertThat(depositsOf("fi-before")).isZero();
        MockHttpServletResponse retried = deposit("fi-before", "fi-before-1", null);

        assertThat(retried.getStatus()).isEqualTo(202);
        assertThat(retried.getHeader(CommandRequestFilter.REPLAYED_HEADER)).isNull();
        assertThat(depositsOf("fi-before")).isEqualTo(1);
    }

    private void open(String accountId) throws Exception {
        int status = mvc.perform(post("/accounts").contentType(MediaType.APPLICATION_JSON)
                                                  .header(CommandRequestFilter.KEY_HEADER, "open-" + accountId)
                                                  .content("{\"accountId\":\"" + accountId
                                                                   + "\",\"currency\":\"EUR\"}"))
                        .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(202);
    }

    /** @return the answer, or {@code null} if the request failed with the injected fault */
    private MockHttpServletResponse deposit(String accountId, String key, String fault) throws Exception {
        var request = post("/accounts/" + accountId + "/deposits").contentType(MediaType.APPLICATION_JSON)
                                                                  .header(CommandRequestFilter.KEY_HEADER, key)
                                                                  .content("{\"amount\":5,\"currency\":\"EUR\"}");
        if (fault != null) {
            request.header("X-Ledger-Fault", fault);
        }
        try {
            return mvc.perform(request).andReturn().getResponse();
        } catch (Exception injected) {
            assertThat(injected).hasStackTraceContaining("injected fault");
            return null;
        }
    }

    private int depositsOf(String accountId) {
        Integer count = jdbc.queryForObject("""
                SELECT count(*) FROM ledger_command.domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type = 'dev.ledger.api.account.MoneyDepositedEvent'""",
                                            Integer.class, accountId);
        return count == null ? 0 : count;
    }
}
