package dev.ledger.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.command.support.CommandSideIntegrationTest;
import dev.ledger.testsupport.ApiDocument;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The command side's API description: exported for the build, equal to the reviewed copy in shared-api, and
 * describing every endpoint the service maps.
 */
@CommandSideIntegrationTest
class ApiDocumentIntegrationTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ObjectMapper json;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlerMappings;

    @Test
    void shouldServeTheReviewedDocument() throws Exception {
        String served = mvc.perform(get("/v3/api-docs.yaml"))
                           .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(ApiDocument.of("command-side").exportAndCompare(served)).isNull();
    }

    /** An endpoint added without showing in the document would be one no generated client can call. */
    @Test
    void shouldDescribeEveryEndpointTheServiceMaps() throws Exception {
        JsonNode paths = json.readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse()
                                          .getContentAsString(StandardCharsets.UTF_8)).path("paths");
        Set<String> mapped = new TreeSet<>();
        handlerMappings.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getPackageName().startsWith("dev.ledger")) {
                info.getMethodsCondition().getMethods().forEach(method -> info.getPatternValues().forEach(
                        pattern -> mapped.add(method.name() + " " + pattern)));
            }
        });

        assertThat(mapped).as("the service's own endpoints").isNotEmpty().contains("POST /accounts");
        assertThat(mapped).allSatisfy(endpoint -> {
            String method = endpoint.substring(0, endpoint.indexOf(' ')).toLowerCase(Locale.ROOT);
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            assertThat(paths.path(path).has(method)).as(endpoint + " is in the served document").isTrue();
        });
    }
}
