package dev.ledger.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.query.support.QuerySideIntegrationTest;
import dev.ledger.testsupport.ApiDocument;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The query side's API description: exported for the build, equal to the reviewed copy in shared-api. */
class ApiDocumentIntegrationTest extends QuerySideIntegrationTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ObjectMapper json;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void shouldServeTheReviewedDocument() throws Exception {
        String served = mvc.perform(get("/v3/api-docs.yaml"))
                           .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(ApiDocument.of("query-side").exportAndCompare(served)).isNull();
    }

    /** A mapped endpoint the document lacks is one no generated client can call and no contract test checks. */
    @Test
    void shouldDescribeEveryEndpointTheServiceMaps() throws Exception {
        JsonNode paths = document().path("paths");
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("dev.ledger")) {
                return;
            }
            for (String pattern : info.getPatternValues()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                assertThat(methods).as("%s %s maps every method", handler, pattern).isNotEmpty();
                methods.forEach(method -> mapped.add(method.name() + " " + pattern));
            }
        });
        Set<String> documented = new TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> documented.add(method.toUpperCase() + " " + path.getKey())));

        assertThat(mapped).as("the service maps its endpoints").hasSizeGreaterThan(10);
        assertThat(documented).as("every endpoint the service maps, in the document")
                              .containsAll(mapped);
    }

    /** The admin POSTs that go on in the background answer 202, and the document must not promise a 200. */
    @Test
    void shouldDocumentTheAnswersThatGoOnInTheBackgroundAsAccepted() throws Exception {
        JsonNode paths = document().path("paths");

        for (String path : new String[] {"/admin/processors/{name}/replay", "/admin/reconciliation"}) {
            JsonNode responses = paths.path(path).path("post").path("responses");
            assertThat(responses.has("202")).as("POST %s documents 202", path).isTrue();
            assertThat(responses.has("200")).as("POST %s documents no 200", path).isFalse();
            assertThat(responses.path("202").path("headers").has("Location")).as("POST %s: Location", path).isTrue();
        }
    }

    private JsonNode document() throws Exception {
        return json.readTree(mvc.perform(get("/v3/api-docs"))
                                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }
}
