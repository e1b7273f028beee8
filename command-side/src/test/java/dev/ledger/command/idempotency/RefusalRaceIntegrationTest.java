package dev.ledger.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.ledger.command.CommandSideApplication;
import dev.ledger.command.support.CommandSideIntegrationTest;
import dev.ledger.command.support.TestCallers;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
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
 * transaction-scoped lock, and before node A has answered. The same filter can also act after the command, still in
 * its transaction: what a refused request wrote there is not committed with its refusal.
 */
@CommandSideIntegrationTest
@Import(RefusalRaceIntegrationTest.AtTransactionEnd.class)
@TestPropertySource(properties = "spring.datasource.hikari.maximum-pool-size=6")
class RefusalRaceIntegrationTest {

    /** What node B takes from node A, so that both run on one database with the same settings. */
    private static final List<String> SHARED_PROPERTIES = List.of(
            "spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
            "ledger.auth.issuer-uri", "ledger.backpressure.enabled");
    private static final String AUTHORIZATION = TestCallers.bearer(TestCallers.TESTER, TestIssuer.EVERY_ROLE);
    /** The header that asks {@link AtTransactionEnd} to run the hooks below for a request. */
    private static final String HOOK_HEADER = "X-Test-At-Transaction-End";
    private static final AtomicReference<Runnable> AT_TRANSACTION_END = new AtomicReference<>();
    private static final AtomicReference<Runnable> AFTER_THE_COMMAND = new AtomicReference<>();
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    private static ConfigurableApplicationContext nodeB;
    private static int nodeBPort;

    @Autowired
    private MockMvc nodeA;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private PlatformTransactionManager transactions;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                              .connectTimeout(HTTP_TIMEOUT).build();

    /**
     * The application as deployed, without this module's test configurations (which its component scan would
     * otherwise find); command-line arguments, since they win over application.yml as test properties do.
     */
    @BeforeAll
    static void startNodeB(@Autowired Environment nodeA) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                                                          "--spring.datasource.hikari.maximum-pool-size=4"));
        SHARED_PROPERTIES.forEach(name -> arguments.add("--" + name + "=" + nodeA.getRequiredProperty(name)));
        nodeB = new SpringApplicationBuilder(CommandSideApplication.class)
                .initializers(context -> context.getBeanFactory()
                                                .registerSingleton("noTestConfigurations", new NoTestConfigurations()))
                .run(arguments.toArray(String[]::new));
        nodeBPort = ((WebServerApplicationContext) nodeB).getWebServer().getPort();
    }

    @AfterEach
    void noHooksLeft() {
        AT_TRANSACTION_END.set(null);
        AFTER_THE_COMMAND.set(null);
    }

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    /**
     * @param opener the node that opens the account: node A then has it cached, or reads it from the event store
     *               (where Axon's unit of work takes its connection, whose rollback on the refusal used to end the
     *               request's transaction at once)
     */
    @ParameterizedTest(name = "account opened on node {0}")
    @ValueSource(strings = {"A", "B"})
    void shouldReplayARefusalOnTheOtherNodeAsSoonAsTheKeyIsFreeEvenIfTheAccountWasFundedMeanwhile(String opener)
            throws Exception {
        String account = "A".equals(opener) ? open() : openOnNodeB();
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

    /**
     * Stored together with its refusal is only the refusal: a write after the command, a statement that aborted
     * the transaction and a participant that marked it rollback-only are all undone, and the refusal commits all
     * the same (no {@code UnexpectedRollbackException}).
     */
    @Test
    void shouldCommitTheRefusalAndNothingTheRefusedRequestWrote() throws Exception {
        String account = open();
        String key = "rr-" + UUID.randomUUID();
        jdbc.execute("CREATE TABLE IF NOT EXISTS ledger_command.refusal_probe (probe text)");
        AFTER_THE_COMMAND.set(() -> {
            jdbc.update("INSERT INTO ledger_command.refusal_probe VALUES (?)", key);
            try {
                new TransactionTemplate(transactions).executeWithoutResult(
                        joined -> jdbc.queryForObject("SELECT 1 / 0", Integer.class));
            } catch (DataAccessException aborted) {
                // expected: PostgreSQL aborted the transaction, the joined template marked it rollback-only
            }
        });

        MvcResult refused = nodeA.perform(post("/accounts/" + account + "/withdrawals")
                                                  .contentType(MediaType.APPLICATION_JSON)
                                                  .header(CommandRequestFilter.KEY_HEADER, key)
                                                  .header(HOOK_HEADER, "true")
                                                  .content(money(50)))
                                 .andReturn();

        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        assertThat(AFTER_THE_COMMAND.get()).as("the hook ran").isNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_command.refusal_probe WHERE probe = ?",
                                       Long.class, key)).as("the refused request's write").isZero();
        assertThat(jdbc.queryForObject("SELECT response_status FROM ledger_command.idempotency_key "
                                       + "WHERE idempotency_key = ?", Integer.class, key)).isEqualTo(422);
        MvcResult again = nodeA.perform(post("/accounts/" + account + "/withdrawals")
                                                .contentType(MediaType.APPLICATION_JSON)
                                                .header(CommandRequestFilter.KEY_HEADER, key)
                                                .content(money(50)))
                               .andReturn();
        assertThat(again.getResponse().getHeader(CommandRequestFilter.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(again.getResponse().getContentAsString()).isEqualTo(refused.getResponse().getContentAsString());
    }

    private String open() throws Exception {
        String account = "rr-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(nodeA.perform(post("/accounts").contentType(MediaType.APPLICATION_JSON)
                                                  .header(CommandRequestFilter.KEY_HEADER, "open-" + account)
                                                  .content("{\"accountId\":\"" + account + "\",\"currency\":\"EUR\"}"))
                        .andReturn().getResponse().getStatus()).isEqualTo(202);
        return account;
    }

    private String openOnNodeB() throws Exception {
        String account = "rr-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(onNodeB("/accounts", "open-" + account, "{\"accountId\":\"" + account + "\",\"currency\":\"EUR\"}")
                           .statusCode()).isEqualTo(202);
        return account;
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

    /**
     * Node A only: for a marked request, runs {@link #AT_TRANSACTION_END} once when the transaction it runs in ends,
     * and {@link #AFTER_THE_COMMAND} once after the command answered, still in that transaction.
     */
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
                            Runnable afterTheCommand = request.getHeader(HOOK_HEADER) == null ? null
                                    : AFTER_THE_COMMAND.getAndSet(null);
                            if (afterTheCommand != null) {
                                afterTheCommand.run();
                            }
                        }
                    });
            // inside the command request filter, so inside the request's transaction
            registration.setOrder(IdempotencyConfiguration.FILTER_ORDER + 1);
            return registration;
        }
    }
}
