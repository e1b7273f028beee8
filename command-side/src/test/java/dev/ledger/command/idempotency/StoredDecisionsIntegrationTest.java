package dev.ledger.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.ledger.command.support.CommandSideIntegrationTest;
import dev.ledger.command.support.TestCallers;
import dev.ledger.testsupport.TestIssuer;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Only the ledger's decisions about a request are stored under its {@code Idempotency-Key} and replayed: a success,
 * 404, 412 and 422. Anything else (content negotiation, validation, a conflict, the caller's roles) is answered
 * without being stored, so the corrected retry with the same key runs.
 */
@CommandSideIntegrationTest
class StoredDecisionsIntegrationTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void shouldNotReplayANotAcceptableAnswerToTheCorrectedRetry() throws Exception {
        String account = open();
        String key = key();
        long events = events();

        MvcResult xml = mvc.perform(deposit(account, key, 5).accept(MediaType.APPLICATION_XML)).andReturn();
        assertThat(xml.getResponse().getStatus()).isEqualTo(406);
        assertThat(stored(key)).as("a 406 is no decision of the ledger").isZero();
        assertThat(events()).isEqualTo(events);

        MvcResult json = mvc.perform(deposit(account, key, 5).accept(MediaType.APPLICATION_JSON)).andReturn();
        assertThat(json.getResponse().getStatus()).isEqualTo(202);
        assertThat(json.getResponse().getHeader(CommandRequestFilter.REPLAYED_HEADER)).isNull();
        assertThat(events()).isEqualTo(events + 1);
    }

    @Test
    void shouldReplayTheLedgersRefusals() throws Exception {
        String account = open();
        assertReplayed(post("/accounts/" + account + "/withdrawals").contentType(MediaType.APPLICATION_JSON)
                                                                    .content(money(1)), 422);
        assertReplayed(deposit("no-such-" + UUID.randomUUID().toString().substring(0, 8), null, 1), 404);
        assertReplayed(post("/accounts/" + account + "/freeze").header("If-Match", "\"7\""), 412);
    }

    @Test
    void shouldNotStoreMalformedRequestsConflictsOrRefusalsByRole() throws Exception {
        String source = open();
        String destination = open();
        assertThat(send(deposit(source, key(), 100))).isEqualTo(202);
        String transfer = "sd-t-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send(transfer(transfer, source, destination, 10).header(CommandRequestFilter.KEY_HEADER, key())))
                .isEqualTo(202);

        assertNotStored(transfer(transfer, source, destination, 11), 409);
        assertNotStored(deposit(source, null, 0), 400);
        assertNotStored(deposit(source, null, 1).header(HttpHeaders.AUTHORIZATION,
                                                        TestCallers.bearer("h", "ledger.holder")), 403);
        assertNotStored(post("/accounts").contentType(MediaType.APPLICATION_JSON)
                                         .content("{\"accountId\":\"" + source + "\",\"currency\":\"EUR\"}")
                                         .header(HttpHeaders.AUTHORIZATION,
                                                 TestCallers.bearer(TestCallers.TESTER, TestIssuer.EVERY_ROLE)), 409);
    }

    private void assertReplayed(MockHttpServletRequestBuilder request, int status) throws Exception {
        String key = key();
        MvcResult first = mvc.perform(request.header(CommandRequestFilter.KEY_HEADER, key)).andReturn();
        assertThat(first.getResponse().getStatus()).isEqualTo(status);
        assertThat(stored(key)).as("%d is stored", status).isEqualTo(1);
        MvcResult again = mvc.perform(request.header(CommandRequestFilter.KEY_HEADER, key)).andReturn();
        assertThat(again.getResponse().getStatus()).isEqualTo(status);
        assertThat(again.getResponse().getHeader(CommandRequestFilter.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(again.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());
    }

    private void assertNotStored(MockHttpServletRequestBuilder request, int status) throws Exception {
        String key = key();
        assertThat(mvc.perform(request.header(CommandRequestFilter.KEY_HEADER, key)).andReturn().getResponse()
                      .getStatus()).isEqualTo(status);
        assertThat(stored(key)).as("%d is not stored", status).isZero();
    }

    private String open() throws Exception {
        String account = "sd-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send(post("/accounts").contentType(MediaType.APPLICATION_JSON)
                                         .header(CommandRequestFilter.KEY_HEADER, key())
                                         .content("{\"accountId\":\"" + account + "\",\"currency\":\"EUR\"}")))
                .isEqualTo(202);
        return account;
    }

    private static MockHttpServletRequestBuilder deposit(String account, String key, long amount) {
        MockHttpServletRequestBuilder request = post("/accounts/" + account + "/deposits")
                .contentType(MediaType.APPLICATION_JSON).content(money(amount));
        return key == null ? request : request.header(CommandRequestFilter.KEY_HEADER, key);
    }

    private static MockHttpServletRequestBuilder transfer(String id, String source, String destination, long amount) {
        return post("/transfers").contentType(MediaType.APPLICATION_JSON)
                                 .content("{\"transferId\":\"" + id + "\",\"sourceAccountId\":\"" + source
                                          + "\",\"destinationAccountId\":\"" + destination + "\",\"amount\":" + amount
                                          + ",\"currency\":\"EUR\"}");
    }

    private int send(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    private static String money(long amount) {
        return "{\"amount\":" + amount + ",\"currency\":\"EUR\"}";
    }

    private static String key() {
        return "sd-" + UUID.randomUUID();
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_command.domain_event_entry", Long.class);
    }

    private long stored(String key) {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_command.idempotency_key WHERE idempotency_key = ?",
                                   Long.class, key);
    }
}
