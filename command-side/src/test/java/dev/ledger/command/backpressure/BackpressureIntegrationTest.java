package dev.ledger.command.backpressure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ledger.api.ErrorCode;
import dev.ledger.command.idempotency.CommandRequestFilter;
import dev.ledger.command.support.CommandSideIntegrationTest;
import dev.ledger.testsupport.OwnDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The whole command side on a private PostgreSQL database, with the query side's token table created from the
 * query side's own migration: a read model far behind the head makes a deposit answer 503 and write nothing;
 * once it catches up, the same request with the same key runs.
 */
// The query side's own migration, not a copy: the sampler reads exactly the table the query side writes.
// (The build puts it on this module's test class path.)
@CommandSideIntegrationTest(schemas = @OwnDatabase.Schema(name = "ledger_query",
                                                          script = "db/migration/query/V1__read_models.sql"))
@TestPropertySource(properties = {
        "ledger.backpressure.enabled=true",
        "ledger.backpressure.max-lag-events=" + BackpressureIntegrationTest.MAX_LAG,
        "ledger.backpressure.sample-interval=50ms"
})
class BackpressureIntegrationTest {

    static final long MAX_LAG = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final String QUERY_TOKENS = "ledger_query.token_entry";
    private static final String PROJECTION = "account-summary";

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private Serializer serializer;
    @Autowired
    private PipelineLagSampler sampler;
    @Autowired
    private MeterRegistry metrics;

    @Test
    void shouldRefuseADepositWithoutWritingAnythingWhileAProjectionLagsAndRunItWithTheSameKeyOnceCaughtUp()
            throws Exception {
        send("/accounts", "bp-open", "{\"accountId\": \"bp-1\", \"currency\": \"EUR\"}").andExpect(status().isAccepted());
        for (int i = 0; i < MAX_LAG + 1; i++) {
            // the real transfer process is watched too; with a limit this small it can briefly be beyond it
            awaitNoBackpressure();
            send("/accounts/bp-1/deposits", "bp-deposit-" + i, deposit()).andExpect(status().isAccepted());
        }
        long head = jdbc.queryForObject("SELECT max(global_index) FROM ledger_command.domain_event_entry", Long.class);
        storeToken(0);
        await().atMost(PATIENCE).until(() -> lagOfProjection() > MAX_LAG);
        long events = countEvents();

        send("/accounts/bp-1/deposits", "bp-retried", deposit())
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "60"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code", is(ErrorCode.PIPELINE_BACKLOG.name())))
                .andExpect(jsonPath("$.type", is(ErrorCode.PIPELINE_BACKLOG.typeUri())))
                .andExpect(jsonPath("$.retryAfterSeconds", is(60)));

        // decided on the handler the request reaches, not on how its path is spelled
        mvc.perform(post(URI.create("/accounts/bp-1/%64eposits")).contentType(MediaType.APPLICATION_JSON)
                                                                 .header(CommandRequestFilter.KEY_HEADER, "bp-spelled")
                                                                 .content(deposit()))
           .andExpect(status().isServiceUnavailable())
           .andExpect(jsonPath("$.code", is(ErrorCode.PIPELINE_BACKLOG.name())));

        assertThat(countEvents()).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_command.idempotency_key WHERE idempotency_key = ?",
                                       Long.class, "bp-retried")).isZero();
        assertThat(metrics.get(BackpressureFilter.REFUSALS_METRIC).tag("processor", PROJECTION).counter().count())
                .isEqualTo(2.0);
        assertThat(metrics.get(PipelineLagSampler.LAG_METRIC).tag("processor", PROJECTION).gauge().value())
                .isGreaterThan(MAX_LAG);
        mvc.perform(get("/actuator/health"))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.components.backpressure.status", is("BACKPRESSURE")));
        // lifecycle requests move no money and pass
        send("/accounts/bp-1/freeze", null, "{}").andExpect(status().isAccepted());
        send("/accounts/bp-1/unfreeze", null, "{}").andExpect(status().isAccepted());

        storeToken(head + 2);
        awaitNoBackpressure();
        assertThat(lagOfProjection()).isLessThanOrEqualTo(MAX_LAG);

        send("/accounts/bp-1/deposits", "bp-retried", deposit())
                .andExpect(status().isAccepted())
                .andExpect(header().doesNotExist(CommandRequestFilter.REPLAYED_HEADER));
        assertThat(countEvents()).isEqualTo(events + 3);
        mvc.perform(get("/actuator/health"))
           .andExpect(jsonPath("$.components.backpressure.status", is("UP")));
    }

    private void awaitNoBackpressure() {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(sampler.latest().worstBeyond(MAX_LAG))
                .as("%s", sampler.latest()).isEmpty());
    }

    private ResultActions send(String path, String key, String body) throws Exception {
        var request = post(path).contentType(MediaType.APPLICATION_JSON).content(body);
        if (key != null) {
            request.header(CommandRequestFilter.KEY_HEADER, key);
        }
        return mvc.perform(request);
    }

    private static String deposit() {
        return "{\"amount\": 100, \"currency\": \"EUR\"}";
    }

    private long lagOfProjection() {
        return sampler.latest().find(QUERY_TOKENS, PROJECTION).map(ProcessorLag::lagEvents).orElse(-1L);
    }

    private long countEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_command.domain_event_entry", Long.class);
    }

    /** The token the query side's processor would store: a gap-aware token at {@code position}. */
    private void storeToken(long position) {
        SerializedObject<byte[]> token = serializer.serialize(GapAwareTrackingToken.newInstance(position, Set.of()),
                                                              byte[].class);
        jdbc.update("DELETE FROM " + QUERY_TOKENS + " WHERE processor_name = ?", PROJECTION);
        jdbc.update("INSERT INTO " + QUERY_TOKENS + " (processor_name, segment, token, token_type, timestamp, owner) "
                    + "VALUES (?, 0, ?, ?, ?, NULL)", PROJECTION, token.getData(), token.getType().getName(),
                    java.time.Instant.now().toString());
    }
}
