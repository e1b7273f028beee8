package dev.ledger.command.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.ledger.command.access.CommandAccessRules;
import dev.ledger.command.web.CommandDispatcher;
import dev.ledger.platform.security.LedgerSecurityConfiguration;
import dev.ledger.platform.web.CommonProblemHandler;
import dev.ledger.testsupport.TestIssuer;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The identity provider is down, so a token cannot be checked: that is the ledger's outage (503, retry), not the
 * caller's fault (401) and not a crash (500).
 */
@WebMvcTest(AccountCommandController.class)
@Import({CommonProblemHandler.class, LedgerSecurityConfiguration.class, CommandAccessRules.class})
class IssuerOutageTest {

    @Autowired
    private MockMvc mvc;
    @MockitoBean
    private CommandDispatcher commands;

    @DynamicPropertySource
    static void unreachableIssuer(DynamicPropertyRegistry registry) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        registry.add("ledger.auth.issuer-uri", () -> "http://127.0.0.1:" + closedPort);
    }

    @Test
    void shouldAnswerServiceUnavailableWhenTheIssuerCannotBeReached() throws Exception {
        MvcResult result = mvc.perform(post("/accounts/acc-1/freeze").contentType(MediaType.APPLICATION_JSON)
                                               .content("{}")
                                               .header(HttpHeaders.AUTHORIZATION,
                                                       TestIssuer.shared().bearer("c", "ledger.compliance")))
                              .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(503);
        assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
        assertThat(result.getResponse().getHeader("Retry-After")).isEqualTo("5");
        assertThat(result.getResponse().getContentAsString()).contains("SERVICE_UNAVAILABLE");
    }
}
