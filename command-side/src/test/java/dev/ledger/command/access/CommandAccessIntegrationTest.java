package dev.ledger.command.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.command.support.CommandSideIntegrationTest;
import dev.ledger.testsupport.TestIssuer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Who may send which command, from outside: tokens are minted by {@link TestIssuer} and validated by the service
 * for real. Every refusal must write nothing: the event store is counted before and after.
 * <p>
 * One file over 300 lines because every attack runs against one started command side on one database: split into
 * classes, each would start its own Spring context (half a minute each on this machine).
 */
@CommandSideIntegrationTest
class CommandAccessIntegrationTest {

    private static final TestIssuer ISSUER = TestIssuer.shared();
    private static final String HOLDER_A = "holder-a";
    private static final String HOLDER_B = "holder-b";

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ObjectMapper json;
    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlerMappings;

    static List<Supplier<String>> forgedTokens() {
        String[] scopes = TestIssuer.EVERY_ROLE;
        List<String> all = List.of(scopes);
        Instant now = Instant.now();
        return List.of(
                () -> null,
                () -> "Bearer not-a-jwt",
                () -> "Bearer " + ISSUER.token("eve", all, c -> c.expirationTime(Date.from(now.minusSeconds(120)))),
                () -> "Bearer " + ISSUER.token("eve", all, c -> c.notBeforeTime(Date.from(now.plusSeconds(300)))),
                () -> "Bearer " + ISSUER.token("eve", all, c -> c.issuer("http://issuer.example")),
                () -> "Bearer " + ISSUER.token("eve", all, c -> c.audience("another-api")),
                () -> "Bearer " + ISSUER.token("eve", all, c -> c.expirationTime(null)),
                () -> "Bearer " + ISSUER.signedByStranger("eve", scopes),
                () -> "Bearer " + ISSUER.unsigned("eve", scopes),
                () -> "Bearer " + ISSUER.hmacWithPublicKey("eve", scopes),
                () -> "Basic " + java.util.Base64.getEncoder().encodeToString("eve:secret".getBytes()));
    }

    @ParameterizedTest
    @MethodSource("forgedTokens")
    void shouldAnswerUnauthorizedAndWriteNothingWithoutAValidToken(Supplier<String> authorization) throws Exception {
        long events = events();
        var request = post("/accounts/anything/deposits").contentType(MediaType.APPLICATION_JSON)
                                                         .header("Idempotency-Key", UUID.randomUUID().toString())
                                                         .content("{\"amount\": 100, \"currency\": \"EUR\"}");
        String value = authorization.get();
        // an empty header replaces the tester's default token; Spring treats it as no token at all
        request.header(HttpHeaders.AUTHORIZATION, value == null ? "" : value);
        MvcResult result = mvc.perform(request).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(401);
        assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
        assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        assertThat(body(result).path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(events()).isEqualTo(events);
    }

    /** Spring's default key source fetches the key set again for every unknown key id: a flood on the issuer. */
    @Test
    void shouldNotFetchTheKeySetForEveryTokenWithAnUnknownKeyId() throws Exception {
        assertThat(send("warm-up", "/accounts", "{}", "ledger.holder")).isEqualTo(400);
        int before = ISSUER.keySetFetches();
        for (int i = 0; i < 20; i++) {
            var request = post("/accounts").contentType(MediaType.APPLICATION_JSON).content("{}")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + ISSUER.signedByUnknownKey("eve", "ledger.holder"));
            assertThat(mvc.perform(request).andReturn().getResponse().getStatus()).isEqualTo(401);
        }
        assertThat(ISSUER.keySetFetches() - before).as("key set fetches for 20 unknown key ids").isLessThanOrEqualTo(2);
    }

    @Test
    void shouldLetEachRoleSendOnlyItsOwnCommands() throws Exception {
        String account = open(HOLDER_A, "role-acc");
        long events = events();
        assertThat(send(HOLDER_A, "/accounts/" + account + "/deposits", money(100), "ledger.holder"))
                .isEqualTo(403);
        assertThat(send("auditor", "/accounts/" + account + "/deposits", money(100), "ledger.auditor"))
                .isEqualTo(403);
        assertThat(send("treasury", "/transfers", transfer(account, account + "x", 1), "ledger.treasury"))
                .isEqualTo(403);
        assertThat(send("treasury", "/accounts/" + account + "/freeze", "{}", "ledger.treasury")).isEqualTo(403);
        assertThat(send("compliance", "/accounts/" + account + "/close", "{}", "ledger.compliance")).isEqualTo(403);
        assertThat(send("operator", "/accounts/" + account + "/withdrawals", money(1), "ledger.operator"))
                .isEqualTo(403);
        assertThat(events()).as("no refused command wrote anything").isEqualTo(events);

        assertThat(send("treasury", "/accounts/" + account + "/deposits", money(100), "ledger.treasury"))
                .isEqualTo(202);
        assertThat(send("compliance", "/accounts/" + account + "/freeze", "{}", "ledger.compliance")).isEqualTo(202);
    }

    @Test
    void shouldKeepCreditAndOtherOwnersForTreasury() throws Exception {
        assertThat(send(HOLDER_A, "/accounts", "{\"accountId\": \"od-1\", \"currency\": \"EUR\", "
                                               + "\"overdraftLimit\": 500}", "ledger.holder")).isEqualTo(403);
        assertThat(send(HOLDER_A, "/accounts", "{\"accountId\": \"od-2\", \"currency\": \"EUR\", "
                                               + "\"owner\": \"holder-b\"}", "ledger.holder")).isEqualTo(403);
        assertThat(send("treasury", "/accounts", "{\"accountId\": \"od-3\", \"currency\": \"EUR\", "
                + "\"overdraftLimit\": 500, \"owner\": \"holder-a\"}", "ledger.treasury")).isEqualTo(202);
        assertThat(jdbc.queryForObject("SELECT owner FROM ledger_command.account_directory WHERE account_id = 'od-3'",
                                       String.class)).isEqualTo(HOLDER_A);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_command.account_directory "
                                       + "WHERE account_id IN ('od-1', 'od-2')", Long.class)).isZero();
    }

    @Test
    void shouldAnswerAnotherOwnersAccountExactlyAsAnUnknownOne() throws Exception {
        String mine = open(HOLDER_B, "own-b");
        String theirs = open(HOLDER_A, "own-a");
        fund(theirs, 1_000);
        long events = events();

        MvcResult stealing = postAs(HOLDER_B, "/transfers", transfer(theirs, mine, 500), "ledger.holder");
        MvcResult unknown = postAs(HOLDER_B, "/transfers", transfer("no-such-account", mine, 500), "ledger.holder");

        assertThat(stealing.getResponse().getStatus()).isEqualTo(unknown.getResponse().getStatus()).isEqualTo(422);
        assertThat(body(stealing).path("code").asText()).isEqualTo(body(unknown).path("code").asText())
                                                        .isEqualTo("UNKNOWN_ACCOUNT");
        assertThat(body(stealing).path("detail").asText().replace(theirs, "X"))
                .isEqualTo(body(unknown).path("detail").asText().replace("no-such-account", "X"));
        assertThat(events()).isEqualTo(events);

        // the owner pays out; the other holder's account is credited only through such a transfer
        assertThat(postAs(HOLDER_A, "/transfers", transfer(theirs, mine, 500), "ledger.holder").getResponse()
                                                                                            .getStatus())
                .isEqualTo(202);
    }

    /** Found by a security review: the id clash was checked before ownership, so any id could be probed. */
    @Test
    void shouldNotTellAStrangerWhetherAnIdIsAnAccountsThroughTheTransferId() throws Exception {
        String theirs = open(HOLDER_A, "probe-a");
        MvcResult probing = postAs(HOLDER_B, "/transfers", "{\"transferId\": \"" + theirs
                + "\", \"sourceAccountId\": \"no-such-source\", \"destinationAccountId\": \"" + theirs
                + "\", \"amount\": 1, \"currency\": \"EUR\"}", "ledger.holder");
        MvcResult unknown = postAs(HOLDER_B, "/transfers", "{\"transferId\": \"no-such-id\", "
                + "\"sourceAccountId\": \"no-such-source\", \"destinationAccountId\": \"" + theirs
                + "\", \"amount\": 1, \"currency\": \"EUR\"}", "ledger.holder");
        assertThat(probing.getResponse().getStatus()).isEqualTo(unknown.getResponse().getStatus()).isEqualTo(422);
        assertThat(body(probing).path("code").asText()).isEqualTo("UNKNOWN_ACCOUNT");
    }

    @Test
    void shouldRefuseTheRequestersOwnReviewAndAcceptAnotherReviewers() throws Exception {
        // one principal that is both a holder and a compliance officer: the case four eyes exists for
        String both = "teller-1";
        String source = open(both, "fe-src");
        String destination = open(HOLDER_B, "fe-dst");
        fund(source, 2_000_000);
        MvcResult requested = postAs(both, "/transfers", "{\"transferId\": \"fe-t1\", \"sourceAccountId\": \"" + source
                + "\", \"destinationAccountId\": \"" + destination + "\", \"amount\": 1500000, \"currency\": \"EUR\"}",
                                   "ledger.holder", "ledger.compliance");
        assertThat(requested.getResponse().getStatus()).isEqualTo(202);
        long events = events();

        MvcResult own = postAs(both, "/transfers/fe-t1/review", "{\"decision\": \"APPROVE\"}",
                             "ledger.holder", "ledger.compliance");
        assertThat(own.getResponse().getStatus()).isEqualTo(403);
        assertThat(body(own).path("code").asText()).isEqualTo("REVIEWER_IS_REQUESTER");
        assertThat(events()).isEqualTo(events);
        assertThat(postAs(both, "/transfers/fe-t1/review", "{\"decision\": \"REJECT\"}",
                        "ledger.holder", "ledger.compliance").getResponse().getStatus()).isEqualTo(403);

        assertThat(postAs("compliance-2", "/transfers/fe-t1/review", "{\"decision\": \"APPROVE\"}",
                        "ledger.compliance").getResponse().getStatus()).isEqualTo(202);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM ledger_command.domain_event_entry
                WHERE aggregate_identifier = 'fe-t1' AND payload_type LIKE '%TransferApprovedEvent'
                  AND convert_from(payload, 'UTF8')::jsonb ->> 'reviewer' = 'compliance-2'""", Long.class))
                .isEqualTo(1);
        // the postings were made by the approval, yet name who asked for the transfer beside who approved it
        Map<String, Object> credit = jdbc.queryForMap("""
                SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'principal' AS principal,
                       convert_from(meta_data, 'UTF8')::jsonb ->> 'requestedBy' AS requester
                FROM ledger_command.domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%TransferCreditedEvent'""", destination);
        assertThat(credit).containsEntry("principal", "compliance-2").containsEntry("requester", both);
    }

    @Test
    void shouldRefuseAReviewerNamedInTheBody() throws Exception {
        MvcResult result = postAs("compliance-2", "/transfers/any/review",
                                "{\"decision\": \"APPROVE\", \"reviewer\": \"someone-else\"}", "ledger.compliance");
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
    }

    @Test
    void shouldRecordTheActingPrincipalOnEveryEvent() throws Exception {
        String account = open(HOLDER_A, "meta-acc");
        fund(account, 10);
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'principal' AS principal,
                       convert_from(meta_data, 'UTF8')::jsonb ->> 'clientId' AS client
                FROM ledger_command.domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                account);
        assertThat(rows).extracting(row -> row.get("principal")).containsExactly(HOLDER_A, "treasury");
        assertThat(rows).extracting(row -> row.get("client")).containsExactly(HOLDER_A, "treasury");
    }

    @Test
    void shouldKeepIdempotencyKeysApartPerClientAndRefuseAnotherClientsName() throws Exception {
        String key = "shared-key-" + UUID.randomUUID();
        String first = open(HOLDER_A, "idem-a");
        String second = open(HOLDER_B, "idem-b");
        var asA = post("/accounts/" + first + "/deposits").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key).header(HttpHeaders.AUTHORIZATION, ISSUER.bearer("till-a", "ledger.treasury"))
                .content(money(5));
        var asB = post("/accounts/" + second + "/deposits").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key).header(HttpHeaders.AUTHORIZATION, ISSUER.bearer("till-b", "ledger.treasury"))
                .content(money(7));
        assertThat(mvc.perform(asA).andReturn().getResponse().getStatus()).isEqualTo(202);
        // the same key from another client is another request, not a reused key
        assertThat(mvc.perform(asB).andReturn().getResponse().getStatus()).isEqualTo(202);

        var claimingA = post("/accounts/" + second + "/deposits").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key).header("X-Client-Id", "till-a")
                .header(HttpHeaders.AUTHORIZATION, ISSUER.bearer("till-b", "ledger.treasury")).content(money(5));
        assertThat(mvc.perform(claimingA).andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    /**
     * Every endpoint the command side maps, read from Spring's handler mappings, against the roles table: a new
     * endpoint that is not in {@link #ALLOWED} fails here until someone decides who may call it.
     */
    @Test
    void shouldAnswerEveryMappedEndpointByTheRolesTable() throws Exception {
        Map<String, Set<String>> mapped = new TreeMap<>();
        handlerMappings.getHandlerMethods().forEach((info, method) -> {
            for (var verb : info.getMethodsCondition().getMethods()) {
                for (String pattern : info.getPatternValues()) {
                    mapped.computeIfAbsent(verb.name() + " " + pattern, k -> new TreeSet<>());
                }
            }
        });
        assertThat(mapped.keySet()).as("every mapped endpoint has a row in the roles table")
                                   .isSubsetOf(ALLOWED.keySet());
        for (Map.Entry<String, Set<String>> row : ALLOWED.entrySet()) {
            String verb = row.getKey().substring(0, row.getKey().indexOf(' '));
            String path = row.getKey().substring(verb.length() + 1).replaceAll("\\{[^}]+}", "matrix-id");
            boolean anonymousAllowed = row.getValue().contains("anonymous");
            for (String role : ROLES) {
                var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .request(org.springframework.http.HttpMethod.valueOf(verb), path)
                        .contentType(MediaType.APPLICATION_JSON).content("{}")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .header(HttpHeaders.AUTHORIZATION,
                                role.equals("anonymous") ? "" : ISSUER.bearer("matrix-" + role, "ledger." + role));
                int status = mvc.perform(request).andReturn().getResponse().getStatus();
                if (role.equals("anonymous") && !anonymousAllowed) {
                    assertThat(status).as(row.getKey() + " anonymous").isEqualTo(401);
                } else if (row.getValue().contains(role) || anonymousAllowed) {
                    assertThat(status).as(row.getKey() + " as " + role).isNotIn(401, 403);
                } else {
                    assertThat(status).as(row.getKey() + " as " + role).isEqualTo(403);
                }
            }
        }
    }

    @Test
    void shouldShowHealthStatusToAnyoneAndItsPartsAndMetricsOnlyToOperators() throws Exception {
        var anonymous = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/actuator/health").header(HttpHeaders.AUTHORIZATION, "")).andReturn();
        assertThat(anonymous.getResponse().getStatus()).isEqualTo(200);
        assertThat(body(anonymous).has("status")).isTrue();
        assertThat(body(anonymous).has("components")).isFalse();

        var operator = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/actuator/health").header(HttpHeaders.AUTHORIZATION,
                                                ISSUER.bearer("op", "ledger.operator"))).andReturn();
        assertThat(body(operator).has("components")).isTrue();

        for (String path : List.of("/actuator/metrics", "/actuator/prometheus", "/actuator/info")) {
            assertThat(status(path, "")).as(path + " anonymous").isEqualTo(401);
            assertThat(status(path, ISSUER.bearer("h", "ledger.holder"))).as(path + " holder").isEqualTo(403);
            if (!path.endsWith("prometheus")) {
                // (Spring's tests switch exporters off, so the Prometheus endpoint itself is not there to answer)
                assertThat(status(path, ISSUER.bearer("op", "ledger.operator"))).as(path + " operator").isEqualTo(200);
            }
        }
    }

    private int status(String path, String authorization) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
                                   .header(HttpHeaders.AUTHORIZATION, authorization))
                  .andReturn().getResponse().getStatus();
    }

    private static final List<String> ROLES = List.of("anonymous", "holder", "treasury", "compliance", "operator",
                                                      "auditor");
    /** The command side's half of the README's roles table. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("POST /accounts", Set.of("holder", "treasury")),
            Map.entry("POST /accounts/{accountId}/deposits", Set.of("treasury")),
            Map.entry("POST /accounts/{accountId}/withdrawals", Set.of("treasury")),
            Map.entry("POST /accounts/{accountId}/freeze", Set.of("compliance")),
            Map.entry("POST /accounts/{accountId}/unfreeze", Set.of("compliance")),
            Map.entry("POST /accounts/{accountId}/close", Set.of("operator")),
            Map.entry("POST /transfers", Set.of("holder")),
            Map.entry("POST /transfers/{transferId}/review", Set.of("compliance")),
            Map.entry("POST /transfers/{transferId}/refunds", Set.of("holder")),
            Map.entry("POST /accounts/{accountId}/authorizations", Set.of("holder")),
            Map.entry("POST /authorizations/{authorizationId}/captures", Set.of("holder", "treasury")),
            Map.entry("POST /authorizations/{authorizationId}/void", Set.of("holder")),
            Map.entry("GET /admin/transfers/unsettled", Set.of("operator", "auditor")),
            Map.entry("GET /v3/api-docs", Set.of("anonymous")),
            Map.entry("GET /v3/api-docs.yaml", Set.of("anonymous")),
            Map.entry("GET /v3/api-docs/swagger-config", Set.of("anonymous")),
            Map.entry("GET /swagger-ui.html", Set.of("anonymous")));

    private String open(String owner, String id) throws Exception {
        String accountId = id + "-" + UUID.randomUUID().toString().substring(0, 8);
        int status = send(owner, "/accounts", "{\"accountId\": \"" + accountId + "\", \"currency\": \"EUR\"}",
                          "ledger.holder");
        assertThat(status).isEqualTo(202);
        return accountId;
    }

    private void fund(String accountId, long amount) throws Exception {
        assertThat(send("treasury", "/accounts/" + accountId + "/deposits", money(amount), "ledger.treasury"))
                .isEqualTo(202);
    }

    private int send(String subject, String path, String body, String... scopes) throws Exception {
        return postAs(subject, path, body, scopes).getResponse().getStatus();
    }

    private MvcResult postAs(String subject, String path, String body, String... scopes) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON)
                                     .header("Idempotency-Key", UUID.randomUUID().toString())
                                     .header(HttpHeaders.AUTHORIZATION, ISSUER.bearer(subject, scopes))
                                     .content(body))
                  .andReturn();
    }

    private static String money(long amount) {
        return "{\"amount\": " + amount + ", \"currency\": \"EUR\"}";
    }

    private static String transfer(String source, String destination, long amount) {
        return "{\"sourceAccountId\": \"" + source + "\", \"destinationAccountId\": \"" + destination
                + "\", \"amount\": " + amount + ", \"currency\": \"EUR\"}";
    }

    private JsonNode body(MvcResult result) throws Exception {
        return json.readTree(result.getResponse().getContentAsByteArray());
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_command.domain_event_entry", Long.class);
    }
}
