package dev.ledger.query.support;

import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Every request of the shared MockMvc comes with a token of {@link Callers#STAFF} unless it names its caller
 * ({@link Callers#as}, {@link Callers#anonymous()}): most tests are about read models and operations, not about
 * who may call them, and still go through the real filter chain and token validation. The per-request post
 * processors run after this default one, so they win.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DefaultCaller {

    @Bean
    MockMvcBuilderCustomizer defaultCaller() {
        return builder -> builder.defaultRequest(MockMvcRequestBuilders.get("/").with(Callers.staffUnlessNamed()));
    }
}
