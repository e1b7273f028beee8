package dev.ledger.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.command.support.CommandSideIntegrationTest;
import dev.ledger.command.support.TestCallers;
import dev.ledger.testsupport.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A command spelled differently on the wire (matrix parameters, percent-encoded letters, doubled or trailing
 * slashes, dot segments) is either refused with a 4xx problem that wrote nothing, or treated exactly as its
 * canonical spelling: an {@code Idempotency-Key} required, the response stored and replayed. Over a real Tomcat,
 * since what reaches Spring (request URI, servlet path) is the container's decoding, which MockMvc only imitates.
 */
@CommandSideIntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PathSpellingHttpTest {

    private static final String AUTHORIZATION = TestCallers.bearer(TestCallers.TESTER, TestIssuer.EVERY_ROLE);
    private static final String MONEY = "{\"amount\":1,\"currency\":\"EUR\"}";

    @LocalServerPort
    private int port;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ObjectMapper json;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlerMappings;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** {@code {id}} is replaced by a fresh account id. */
    static List<String> depositSpellings() {
        return List.of("/accounts/{id}/deposits;x",
                       "/accounts/{id};x/deposits",
                       "/accounts/{id}/deposits;jsessionid=1",
                       "/accounts/{id}/%64eposits",
                       "/%61ccounts/{id}/deposits",
                       "/accounts/{id}/deposit%73",
                       "//accounts/{id}/deposits",
                       "/accounts//{id}/deposits",
                       "/accounts/{id}//deposits",
                       "/accounts/{id}/deposits/",
                       "/accounts/{id}/deposits//",
                       "/accounts/{id}/./deposits",
                       "/accounts/x/../{id}/deposits",
                       "/accounts/{id}/deposits/.",
                       "/accounts/{id}/%2e/deposits",
                       "/accounts/{id}%2Fdeposits",
                       "/accounts/{id}/deposits%3Bx",
                       "/accounts/{id}/deposits%2F",
                       "/accounts/{id}/deposits%20",
                       "/accounts/{id}/deposits.json",
                       "/ACCOUNTS/{id}/deposits",
                       "/accounts/{id}/Deposits",
                       "/accounts/{id}/deposits%5C",
                       "/accounts/{id}/deposits%00");
    }

    @ParameterizedTest
    @MethodSource("depositSpellings")
    void shouldRefuseADepositSpelledDifferentlyOrTreatItAsTheCanonicalOne(String spelling) throws Exception {
        String account = "ps-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("/accounts", "open-" + account, "{\"accountId\":\"" + account + "\",\"currency\":\"EUR\"}")
                           .statusCode()).isEqualTo(202);
        String path = spelling.replace("{id}", account);
        long events = events();

        HttpResponse<String> keyless = post(path, null, MONEY);
        assertThat(keyless.statusCode()).as(path + " without a key").isBetween(400, 499);
        assertProblem(keyless, path);
        assertThat(events()).as(path + " without a key wrote nothing").isEqualTo(events);

        String key = "ps-" + UUID.randomUUID();
        HttpResponse<String> first = post(path, key, MONEY);
        if (first.statusCode() >= 400) {
            // refused as a whole: a problem, and nothing written or stored
            assertThat(first.statusCode()).as(path).isBetween(400, 499);
            assertProblem(first, path);
            assertThat(keyless.statusCode()).as(path + " refused alike with and without a key")
                                            .isEqualTo(first.statusCode());
            assertThat(events()).as(path + " wrote nothing").isEqualTo(events);
            assertThat(stored(key)).as(path + " stored nothing").isZero();
            return;
        }
        // reached the deposit: exactly as /accounts/{id}/deposits
        assertThat(keyless.statusCode()).as(path + " needs a key").isEqualTo(400);
        assertThat(json.readTree(keyless.body()).path("code").asText()).isEqualTo("IDEMPOTENCY_KEY_INVALID");
        assertThat(first.statusCode()).as(path).isEqualTo(202);
        assertThat(stored(key)).as(path + " stored its answer").isEqualTo(1);
        for (String again : List.of(path, "/accounts/" + account + "/deposits")) {
            HttpResponse<String> replay = post(again, key, MONEY);
            assertThat(replay.statusCode()).as(again + " replayed").isEqualTo(202);
            assertThat(replay.headers().firstValue(CommandRequestFilter.REPLAYED_HEADER)).as(again + " replayed")
                                                                                         .hasValue("true");
            assertThat(replay.body()).isEqualTo(first.body());
        }
        assertThat(events()).as(path + " deposited once").isEqualTo(events + 1);
    }

    @Test
    void shouldTreatEveryCommandSpelledWithEncodedLettersAsItsCanonicalSpelling() throws Exception {
        String source = "ps-src-" + UUID.randomUUID().toString().substring(0, 8);
        String destination = "ps-dst-" + UUID.randomUUID().toString().substring(0, 8);
        assertCanonical("/account%73", "/accounts", "{\"accountId\":\"" + source + "\",\"currency\":\"EUR\"}");
        assertCanonical("/%61ccounts", "/accounts", "{\"accountId\":\"" + destination + "\",\"currency\":\"EUR\"}");
        assertCanonical("/accounts/" + source + "/%64eposits", "/accounts/" + source + "/deposits", MONEY);
        assertCanonical("/accounts/" + source + "/withdrawal%73", "/accounts/" + source + "/withdrawals", MONEY);
        String transfer = "{\"transferId\":\"ps-t-" + UUID.randomUUID().toString().substring(0, 8)
                          + "\",\"sourceAccountId\":\"" + source + "\",\"destinationAccountId\":\"" + destination
                          + "\",\"amount\":1,\"currency\":\"EUR\"}";
        assertCanonical("/transfer%73", "/transfers", transfer);
    }

    /** The role rules judge the spelling as the handler mapping does: decoded, a deposit is treasury's. */
    @Test
    void shouldJudgeAnEncodedSpellingByTheRolesOfItsCanonicalOne() throws Exception {
        String account = "ps-r-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("/accounts", "open-" + account, "{\"accountId\":\"" + account + "\",\"currency\":\"EUR\"}")
                           .statusCode()).isEqualTo(202);
        long events = events();
        String holder = TestCallers.bearer("ps-holder", "ledger.holder");
        for (String path : List.of("/accounts/" + account + "/%64eposits", "/accounts/" + account + "/deposits/",
                                   "/accounts/" + account + "/deposit%73/")) {
            HttpResponse<String> refused = post(path, "ps-" + UUID.randomUUID(), MONEY, holder);
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertProblem(refused, path);
        }
        assertThat(events()).isEqualTo(events);
    }

    /** The filter engages on the mark, so a command endpoint without it would run without a key or a retry. */
    @Test
    void shouldMarkEveryCommandEndpointOfTheCommandSide() {
        handlerMappings.getHandlerMethods().forEach((info, method) -> {
            boolean post = info.getMethodsCondition().getMethods().contains(RequestMethod.POST);
            if (post && method.getBeanType().getPackageName().startsWith("dev.ledger.command")) {
                assertThat(method.hasMethodAnnotation(IdempotentCommand.class)).as(info.toString()).isTrue();
            }
        });
    }

    private void assertCanonical(String spelling, String canonical, String body) throws Exception {
        long events = events();
        HttpResponse<String> keyless = post(spelling, null, body);
        assertThat(keyless.statusCode()).as(spelling + " needs a key").isEqualTo(400);
        assertThat(json.readTree(keyless.body()).path("code").asText()).isEqualTo("IDEMPOTENCY_KEY_INVALID");
        String key = "ps-" + UUID.randomUUID();
        HttpResponse<String> first = post(spelling, key, body);
        assertThat(first.statusCode()).as(spelling).isEqualTo(202);
        HttpResponse<String> replay = post(canonical, key, body);
        assertThat(replay.statusCode()).as(canonical + " replays " + spelling).isEqualTo(202);
        assertThat(replay.headers().firstValue(CommandRequestFilter.REPLAYED_HEADER)).as(canonical).hasValue("true");
        assertThat(events()).as(spelling + " wrote once").isGreaterThan(events);
        long written = events();
        assertThat(post(spelling, key, body).headers().firstValue(CommandRequestFilter.REPLAYED_HEADER))
                .hasValue("true");
        assertThat(events()).isEqualTo(written);
    }

    private void assertProblem(HttpResponse<String> response, String path) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).as(path + " answers a problem")
                                                                 .hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).as(path).isEqualTo(response.statusCode());
        assertThat(problem.path("type").asText()).as(path).startsWith("https://ledger.dev/problems/");
    }

    private HttpResponse<String> post(String path, String key, String body) throws Exception {
        return post(path, key, body, AUTHORIZATION);
    }

    private HttpResponse<String> post(String path, String key, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                                 .header("Authorization", authorization)
                                                 .header("Content-Type", "application/json")
                                                 .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header(CommandRequestFilter.KEY_HEADER, key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_command.domain_event_entry", Long.class);
    }

    private long stored(String key) {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_command.idempotency_key WHERE idempotency_key = ?",
                                   Long.class, key);
    }
}
