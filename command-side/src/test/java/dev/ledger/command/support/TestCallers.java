package dev.ledger.command.support;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.ledger.testsupport.ServiceTestProperties;
import dev.ledger.testsupport.TestIssuer;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Callers for the command side's web tests: the service validates their tokens for real against
 * {@link TestIssuer}'s keys. Tests about something else than access send every request as {@link #TESTER}
 * (every role) unless they set their own {@code Authorization} header.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestCallers {

    public static final String TESTER = "tester";

    /** Points the service at the test issuer; call from a test class's {@code @DynamicPropertySource}. */
    public static void trustTestIssuer(DynamicPropertyRegistry registry) {
        ServiceTestProperties.trustTestIssuer(registry);
    }

    public static String bearer(String subject, String... scopes) {
        return TestIssuer.shared().bearer(subject, scopes);
    }

    @Bean
    MockMvcBuilderCustomizer everyRequestAsTester() {
        String authorization = bearer(TESTER, TestIssuer.EVERY_ROLE);
        return builder -> builder.defaultRequest(get("/").header(HttpHeaders.AUTHORIZATION, authorization));
    }
}
