package dev.ledger.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.ledger.command.CommandSideApplication;
import dev.ledger.command.support.TestCallers;
import dev.ledger.testsupport.TestDatabase;
import dev.ledger.testsupport.TestIssuer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Two command-side nodes on one database, as the fault suite runs them: this test's context (node A, over MockMvc)
 * and a second one over a real Tomcat (node B). A refusal the ledger decided is one decision for its
 * {@code Idempotency-Key}: by the time the key's lock is free again, the refusal is stored. A retry of the same
 * request on the other node, sent the moment the refused request's transaction has ended and after the account
 * was funded in between, gets that refusal replayed, never a 202 of its own.
 * <p>
 * The moment is caught without timing: a filter inside node A's command request filter (so inside the request's
 * transaction) registers a transaction synchronization whose {@code afterCompletion} runs on the request's own
 * thread once its transaction has committed or rolled back, which is when PostgreSQL released the key's
 * transaction-scoped lock, and before node A has answered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@Import({TestCallers.class, RefusalRaceIntegrationTest.AtTransactionEnd.class})
class RefusalRaceIntegrationTest {

    private static final TestDatabase.Fresh DATABASE = TestDatabase.shared().newDatabase();
    private static final String AUTHORIZATION = TestCallers.bearer(TestCallers.TESTER, TestIssuer.EVERY_ROLE);
    /** The header that asks {@link AtTransactionEnd} to run {@link #AT_TRANSACTION_END} for this request. */
    private static final String HOOK_HEADER = "X-Test-At-Transaction-End";
    private static final AtomicReference<Runnable> AT_TRANSACTION_END = new AtomicReference<>();
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    private static ConfigurableApplicationContext nodeB;
    private static int nodeBPort;

    @Autowired
    private MockMvc nodeA;
    @Autowired
    private JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                              .connectTimeout(HTTP_TIMEOUT).build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestCallers.trustTestIssuer(registry);
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::username);
        registry.add("spring.datasource.password", () -> DATABASE.password() == null ? "" : DATABASE.password());
        registry.add("ledger.backpressure.enabled", () -> false);
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> 6);
    }

    /**
     * The application as deployed, without this module's test configurations (which its component scan would
     * otherwise find); command-line arguments, since they win over application.yml as dynamic properties do.
     */
    @BeforeAll
    static void startNodeB() {
        nodeB = new SpringApplicationBuilder(CommandSideApplication.class)
                .initializers(context -> context.getBeanFactory()
                                                .registerSingleton("noTestConfigurations", new NoTestConfigurations()))
                .run("--server.port=0",
                     "--ledger.auth.issuer-uri=" + TestIssuer.shared().issuer(),
                     "--spring.datasource.url=" + DATABASE.jdbcUrl(),
                     "--spring.datasource.username=" + DATABASE.username(),
                     "--spring.datasource.password=" + (DATABASE.password() == null ? "" : DATABASE.password()),
                     "--spring.datasource.hikari.maximum-pool-size=4",
                     "--ledger.backpressure.enabled=false");
        nodeBPort = ((WebServerApplicationContext) nodeB).getWebServer().getPort();
    }

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void shouldReplayARefusalOnTheOtherNodeAsSoonAsTheKeyIsFreeEvenIfTheAccountWasFundedMeanwhile()
            throws Exception {
        String account = "rr-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(nodeA.perform(post("/accounts").contentType(MediaType.APPLICATION_JSON)
                                                  .header(CommandRequestFilter.KEY_HEADER, "open-" + account)
                                                  .content("{\"accountId\":\"" + account + "\",\"currency\":\"EUR\"}"))
                        .andReturn().getResponse().getStatus()).isEqualTo(202);
        String key = "rr-" + UUID.randomUUID();
        String withdrawal = "/accounts/" + account + "/withdrawals";

        CompletableFuture<HttpResponse<String>> funded = new CompletableFuture<>();
        CompletableFuture<HttpResponse<String>> retried = new CompletableFuture<>();
        AT_TRANSACTION_END.set(() -> {
            // node A's request thread: its transaction has ended, node A has not answered yet
            try {
                funded.complete(onNodeB("/accounts/" + account + "/deposits", "rr-" + UUID.randomUUID(), money(100)));
                retried.complete(onNodeB(withdrawal, key, money(50)));
            } catch (Exception | AssertionError e) {
                funded.completeExceptionally(e);
                retried.completeExceptionally(e);
            }
        });

        MvcResult refused = nodeA.perform(post(withdrawal).contentType(MediaType.APPLICATION_JSON)
                                                          .header(CommandRequestFilter.KEY_HEADER, key)
                                                          .header(HOOK_HEADER, "true")
                                                          .content(money(50)))
                                 .andReturn();

        assertThat(refused.getResponse().getStatus()).as("node A: nothing to withdraw from").isEqualTo(422);
        assertThat(retried).as("node B was asked between the end of the refused request's transaction and its "
                               + "answer").isDone();
        assertThat(funded.get(0, TimeUnit.SECONDS).statusCode()).as("node B funded the account").isEqualTo(202);
        HttpResponse<String> retry = retried.get(0, TimeUnit.SECONDS);
        assertThat(retry.statusCode())
                .as("node B, same key, once the key was free: the refusal again, not a decision of its own (%s)",
                    retry.body())
                .isEqualTo(422);
        assertThat(retry.headers().firstValue(CommandRequestFilter.REPLAYED_HEADER)).hasValue("true");
        assertThat(retry.body()).isEqualTo(refused.getResponse().getContentAsString());
        assertThat(jdbc.queryForObject("SELECT response_status FROM ledger_command.idempotency_key "
                                       + "WHERE idempotency_key = ?", Integer.class, key)).isEqualTo(422);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_command.domain_event_entry "
                                       + "WHERE aggregate_identifier = ? AND payload_type LIKE '%MoneyWithdrawnEvent'",
                                       Long.class, account)).as("nothing withdrawn").isZero();
    }

    private HttpResponse<String> onNodeB(String path, String key, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nodeBPort + path))
                                         .timeout(HTTP_TIMEOUT)
                                         .header("Authorization", AUTHORIZATION)
                                         .header("Content-Type", "application/json")
                                         .header(CommandRequestFilter.KEY_HEADER, key)
                                         .POST(HttpRequest.BodyPublishers.ofString(body))
                                         .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String money(long amount) {
        return "{\"amount\":" + amount + ",\"currency\":\"EUR\"}";
    }

    /** What a {@code @SpringBootTest} context leaves out of its component scan, for the node started by hand. */
    static final class NoTestConfigurations extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof NoTestConfigurations;
        }

        @Override
        public int hashCode() {
            return NoTestConfigurations.class.hashCode();
        }
    }

    /** Node A only: runs {@link #AT_TRANSACTION_END} once, when the transaction a marked request runs in ends. */
    @TestConfiguration(proxyBeanMethods = false)
    static class AtTransactionEnd {

        @Bean
        FilterRegistrationBean<OncePerRequestFilter> atTransactionEnd() {
            FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                    new OncePerRequestFilter() {
                        @Override
                        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                        FilterChain chain) throws ServletException, IOException {
                            if (request.getHeader(HOOK_HEADER) != null
                                    && TransactionSynchronizationManager.isSynchronizationActive()) {
                                Runnable hook = AT_TRANSACTION_END.getAndSet(null);
                                if (hook != null) {
                                    TransactionSynchronizationManager.registerSynchronization(
                                            new TransactionSynchronization() {
                                                @Override
                                                public void afterCompletion(int status) {
                                                    hook.run();
                                                }
                                            });
                                }
                            }
                            chain.doFilter(request, response);
                        }
                    });
            // inside the command request filter, so inside the request's transaction
            registration.setOrder(IdempotencyConfiguration.FILTER_ORDER + 1);
            return registration;
        }
    }
}
