package dev.ledger.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ledger.api.ErrorCode;
import dev.ledger.command.support.CommandSideIntegrationTest;
import dev.ledger.platform.limits.CallerBuckets;
import dev.ledger.platform.limits.LimitsProperties;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The whole command side: a request the platform's limits refuse (413, 415, 429) is answered before the command
 * request filter, so it opens no transaction and stores nothing under its {@code Idempotency-Key}; the same key
 * then runs normally once the request is acceptable.
 */
@CommandSideIntegrationTest
@TestPropertySource(properties = {
        "ledger.limits.rate.requests-per-second=1",
        "ledger.limits.rate.burst=" + RefusedBeforeTheCommandIntegrationTest.BURST
})
class RefusedBeforeTheCommandIntegrationTest {

    private static final ManualClock CLOCK = new ManualClock();
    static final long BURST = 3;

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcTemplate jdbc;

    @BeforeEach
    void bucketsFull() {
        CLOCK.advance(Duration.ofHours(1));
    }

    @Test
    void shouldRefuseABodyOverTheLimitWith413AndStoreNothingForItsKey() throws Exception {
        open("rb-1");
        String padded = "{\"amount\":1,\"currency\":\"EUR\",\"reference\":\"" + "x".repeat(65_536) + "\"}";

        deposit("rb-1", "rb-1-large", padded, MediaType.APPLICATION_JSON)
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value(ErrorCode.PAYLOAD_TOO_LARGE.name()));

        assertThat(storedKeys("rb-1-large")).isZero();
    }

    @Test
    void shouldRefuseAFormWith415AndStoreNothingForItsKey() throws Exception {
        open("rb-2");

        deposit("rb-2", "rb-2-form", "amount=1&currency=EUR", MediaType.APPLICATION_FORM_URLENCODED)
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.code").value(ErrorCode.UNSUPPORTED_MEDIA_TYPE.name()));

        assertThat(storedKeys("rb-2-form")).isZero();
    }

    @Test
    void shouldRefuseARequestPastTheRateWith429AndRunItWithTheSameKeyLater() throws Exception {
        open("rb-3");
        for (int i = 1; i < BURST; i++) {
            deposit("rb-3", "rb-3-" + i, "{\"amount\":1,\"currency\":\"EUR\"}", MediaType.APPLICATION_JSON)
                    .andExpect(status().isAccepted());
        }

        deposit("rb-3", "rb-3-late", "{\"amount\":1,\"currency\":\"EUR\"}", MediaType.APPLICATION_JSON)
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.code").value(ErrorCode.RATE_LIMITED.name()));
        assertThat(storedKeys("rb-3-late")).isZero();

        CLOCK.advance(Duration.ofSeconds(1));
        deposit("rb-3", "rb-3-late", "{\"amount\":1,\"currency\":\"EUR\"}", MediaType.APPLICATION_JSON)
                .andExpect(status().isAccepted())
                .andExpect(header().doesNotExist(CommandRequestFilter.REPLAYED_HEADER));
    }

    private void open(String accountId) throws Exception {
        mvc.perform(post("/accounts").contentType(MediaType.APPLICATION_JSON)
                                     .header(CommandRequestFilter.KEY_HEADER, "open-" + accountId)
                                     .content("{\"accountId\":\"" + accountId + "\",\"currency\":\"EUR\"}"))
           .andExpect(status().isAccepted());
    }

    private ResultActions deposit(String accountId, String key, String body, MediaType type) throws Exception {
        return mvc.perform(post("/accounts/{id}/deposits", accountId).contentType(type)
                                                                     .header(CommandRequestFilter.KEY_HEADER, key)
                                                                     .content(body));
    }

    private long storedKeys(String key) {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_command.idempotency_key WHERE idempotency_key = ?",
                                   Long.class, key);
    }

    /** The rate's clock, moved by the test: nothing here waits for a bucket to refill. */
    static final class ManualClock implements TimeMeter {

        private final AtomicLong nanos = new AtomicLong();

        void advance(Duration by) {
            nanos.addAndGet(by.toNanos());
        }

        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ManualRate {

        @Bean
        @Primary
        CallerBuckets manualClockBuckets(LimitsProperties limits) {
            return new CallerBuckets(limits.rate(), CLOCK);
        }
    }
}
