package dev.ledger.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.ledger.command.support.CommandSideIntegrationTest;
import dev.ledger.testsupport.ApiDocument;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The command side's API description: exported for the build, equal to the reviewed copy in shared-api. */
@CommandSideIntegrationTest
class ApiDocumentIntegrationTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void shouldServeTheReviewedDocument() throws Exception {
        String served = mvc.perform(get("/v3/api-docs.yaml"))
                           .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(ApiDocument.of("command-side").exportAndCompare(served)).isNull();
    }
}
