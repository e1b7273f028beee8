package dev.ledger.platform.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.platform.web.CommonProblemHandler;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.HttpEncodingAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The limits on a real Tomcat (chunked bodies and filter order are the container's business, which MockMvc only
 * imitates), with a stand-in for Spring Security at its order that takes the principal from a test header.
 * <p>
 * One file over 300 lines because the limits are checked on one real Tomcat with one small application: the
 * filters' order matters, and separate classes would each start their own server.
 */
@SpringBootTest(classes = LimitsHttpTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"ledger.limits.max-body-bytes=1024",
                              "ledger.limits.rate.requests-per-second=1",
                              "ledger.limits.rate.burst=3"})
class LimitsHttpTest {

    private static final String PRINCIPAL_HEADER = "X-Test-Principal";
    private static final String PROBLEMS = "https://ledger.dev/problems/";
    private static final ManualClock CLOCK = new ManualClock();

    @LocalServerPort
    private int port;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private MeterRegistry meters;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void everyBucketFullAgain() {
        CLOCK.advance(Duration.ofHours(1));
    }

    @Test
    void shouldRefuseACallerPastItsBurstWithRetryAfterAndAProblem() throws Exception {
        String alice = "alice-" + UUID.randomUUID();
        double before = rejected("rate");
        for (int i = 0; i < 3; i++) {
            assertThat(send(get("/echo", alice)).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = send(get("/echo", alice));

        assertProblem(refused, 429, "rate-limited");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(rejected("rate")).isEqualTo(before + 1);

        // a token comes back after a second; 0.3 s later the wait left (0.7 s) still reads as a whole second
        CLOCK.advance(Duration.ofMillis(300));
        assertThat(send(get("/echo", alice)).headers().firstValue("Retry-After")).hasValue("1");
        CLOCK.advance(Duration.ofMillis(700));
        assertThat(send(get("/echo", alice)).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldKeepABucketPerPrincipalSetBySecurityBeforeTheLimit() throws Exception {
        String bob = "bob-" + UUID.randomUUID();
        String carol = "carol-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            send(get("/echo", bob));
        }
        assertThat(send(get("/echo", bob)).statusCode()).isEqualTo(429);

        // same address, another principal: its own bucket (were the limit before security, both would be anonymous)
        assertThat(send(get("/echo", carol)).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldKeyAnonymousCallsByAddressAndNeverLimitHealth() throws Exception {
        for (int i = 0; i < 3; i++) {
            send(get("/echo", null));
        }
        assertThat(send(get("/echo", null)).statusCode()).isEqualTo(429);

        for (int i = 0; i < 10; i++) {
            assertThat(send(get("/actuator/health", null)).statusCode()).isEqualTo(200);
            assertThat(send(get("/actuator/health/liveness", null)).statusCode()).isEqualTo(200);
        }
        // spelled as health, a path never reaches another endpoint unlimited
        assertThat(send(get("/actuator/health/../../echo", null)).statusCode()).isEqualTo(404);
        assertThat(send(get("/actuator/health/%2e%2e/%2e%2e/echo", null)).statusCode()).isIn(400, 404);
    }

    @Test
    void shouldRefuseADeclaredLengthOverTheLimitBeforeReadingIt() throws Exception {
        double before = rejected("body");
        HttpResponse<String> response = send(post("/echo", "application/json",
                                                  HttpRequest.BodyPublishers.ofString(jsonOfBytes(1025))));

        assertProblem(response, 413, "payload-too-large");
        assertThat(rejected("body")).isEqualTo(before + 1);
        assertThat(send(post("/echo", "application/json", HttpRequest.BodyPublishers.ofString(jsonOfBytes(1024))))
                           .statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/echo", "/raw", "/filtered"})
    void shouldRefuseAChunkedBodyOnceReadingPassesTheLimitWhoeverReadsIt(String path) throws Exception {
        byte[] tooLarge = jsonOfBytes(1025).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = send(post(path, "application/json", HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(tooLarge))));

        assertProblem(response, 413, "payload-too-large");

        byte[] fits = jsonOfBytes(1024).getBytes(StandardCharsets.UTF_8);
        assertThat(send(post(path, "application/json", HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(fits)))).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain",
            "application/xml", "not a media type"})
    void shouldRefuseABodyThatIsNotJson(String contentType) throws Exception {
        double before = rejected("media-type");
        HttpResponse<String> response = send(post("/echo", contentType,
                                                  HttpRequest.BodyPublishers.ofString("a=b")));

        assertProblem(response, 415, "unsupported-media-type");
        assertThat(rejected("media-type")).isEqualTo(before + 1);
    }

    @Test
    void shouldRefuseABodyWithoutContentTypeAndOneInAPutOrDelete() throws Exception {
        HttpRequest untyped = HttpRequest.newBuilder(uri("/echo"))
                                         .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertProblem(send(untyped), 415, "unsupported-media-type");
        for (String method : new String[] {"PUT", "PATCH", "DELETE"}) {
            HttpRequest request = HttpRequest.newBuilder(uri("/echo")).header("Content-Type", "text/plain")
                                             .method(method, HttpRequest.BodyPublishers.ofString("x")).build();
            assertProblem(send(request), 415, "unsupported-media-type");
        }
    }

    @Test
    void shouldAnswerTheSameProblemWhenAnEndpointTakesOnlyPlainJson() throws Exception {
        HttpResponse<String> response = send(post("/plain-json-only", "application/merge-patch+json",
                                                  HttpRequest.BodyPublishers.ofString("{}")));

        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void shouldPassJsonAndBodilessRequests() throws Exception {
        assertThat(send(post("/echo", "application/json", HttpRequest.BodyPublishers.ofString("{\"a\":1}")))
                           .body()).isEqualTo("{\"a\":1}");
        assertThat(send(post("/echo", "application/merge-patch+json; charset=UTF-8",
                             HttpRequest.BodyPublishers.ofString("{\"a\":2}"))).statusCode()).isEqualTo(200);
        // freeze, close and the admin POSTs carry no body: they need no type, but one they claim must be JSON
        assertThat(send(post("/bodiless", null, HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
        assertThat(send(post("/bodiless", "application/json", HttpRequest.BodyPublishers.noBody())).statusCode())
                .isEqualTo(200);
        assertProblem(send(post("/bodiless", "text/plain", HttpRequest.BodyPublishers.noBody())), 415,
                      "unsupported-media-type");
        assertProblem(send(post("/bodiless", "application/x-www-form-urlencoded",
                                HttpRequest.BodyPublishers.noBody())), 415, "unsupported-media-type");
    }

    private void assertProblem(HttpResponse<String> response, int status, String slug) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo(PROBLEMS + slug);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(slug.toUpperCase().replace('-', '_'));
    }

    private double rejected(String limit) {
        return meters.get(LimitRejections.METRIC).tag("limit", limit).counter().count();
    }

    private static String jsonOfBytes(int bytes) {
        String open = "{\"pad\":\"";
        String close = "\"}";
        return open + "x".repeat(bytes - open.length() - close.length()) + close;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpRequest get(String path, String principal) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (principal != null) {
            request.header(PRINCIPAL_HEADER, principal);
        }
        return request.build();
    }

    private HttpRequest post(String path, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(body)
                                                 .header(PRINCIPAL_HEADER, "poster-" + UUID.randomUUID());
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return request.build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The clock the buckets refill by, moved by the tests: no test waits for a bucket to refill. */
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

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class,
            DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
            HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
            HttpEncodingAutoConfiguration.class})
    @Import({LimitsConfiguration.class, CommonProblemHandler.class, Endpoints.class})
    static class App {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        @Primary
        CallerBuckets manualClockBuckets(LimitsProperties limits) {
            return new CallerBuckets(limits.rate(), CLOCK);
        }

        /** Where Spring Boot puts Spring Security's filter chain, doing what it does for the limits: a principal. */
        @Bean
        FilterRegistrationBean<Filter> securityStandIn() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                String name = ((HttpServletRequest) request).getHeader(PRINCIPAL_HEADER);
                chain.doFilter(name == null ? request : new HttpServletRequestWrapper((HttpServletRequest) request) {
                    @Override
                    public Principal getUserPrincipal() {
                        return () -> name;
                    }
                }, response);
            });
            registration.setOrder(-100);
            return registration;
        }

        /** Reads the body of {@code /filtered} before any controller, as the command side's idempotency filter does. */
        @Bean
        FilterRegistrationBean<Filter> bodyReadingFilter() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                request.getInputStream().readAllBytes();
                response.getWriter().write("read");
            });
            registration.addUrlPatterns("/filtered");
            registration.setOrder(-80);
            return registration;
        }
    }

    @RestController
    static class Endpoints {

        @GetMapping({"/echo", "/actuator/health", "/actuator/health/liveness"})
        Map<String, String> get() {
            return Map.of("status", "UP");
        }

        @PostMapping(path = "/echo")
        Map<String, Object> echo(@RequestBody Map<String, Object> body) {
            return body;
        }

        @PostMapping(path = "/plain-json-only", consumes = "application/json")
        Map<String, Object> plainJsonOnly(@RequestBody Map<String, Object> body) {
            return body;
        }

        @PostMapping(path = "/raw")
        String raw(HttpServletRequest request) throws IOException {
            return request.getInputStream().readAllBytes().length + " bytes";
        }

        @PostMapping(path = "/bodiless")
        String bodiless() {
            return "done";
        }
    }
}
