package dev.ledger.platform.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** What the platform writes into a document from a service's settings and declarations, without a service. */
class LedgerApiDescriptionTest {

    @Test
    void shouldDescribeEachTemplateVariableOfAServer() {
        OpenAPI api = describe(new Operation().operationId("anything").responses(accepted()),
                               List.of(new ApiDocsProperties.Server("http://localhost:8080", "local", null),
                                       new ApiDocsProperties.Server("https://{host}:{port}", "deployed", Map.of(
                                               "port", new ApiDocsProperties.Variable("443", "its port"),
                                               "host", new ApiDocsProperties.Variable("ledger.example.com",
                                                                                      "its host")))));

        assertThat(api.getServers().get(0).getVariables()).isNull();
        var variables = api.getServers().get(1).getVariables();
        assertThat(variables).containsOnlyKeys("host", "port");
        assertThat(variables.keySet()).containsExactly("host", "port");
        assertThat(variables.get("host").getDefault()).isEqualTo("ledger.example.com");
        assertThat(variables.get("host").getDescription()).isEqualTo("its host");
    }

    private static ApiResponses accepted() {
        return new ApiResponses().addApiResponse("202", new ApiResponse().description("accepted"));
    }

    private static OpenAPI describe(Operation operation, List<ApiDocsProperties.Server> servers) {
        ApiDocsProperties properties = new ApiDocsProperties(
                "Ledger", "", "1.0.0", new ApiDocsProperties.Contact("support", "https://ledger.dev", "a@ledger.dev"),
                new ApiDocsProperties.Licence("licence", "https://ledger.dev/terms"), servers,
                "http://localhost:9000/oauth2/token");
        OpenAPI api = new OpenAPI().paths(new Paths().addPathItem("/accounts/{accountId}/deposits",
                                                                  new PathItem().post(operation)));
        new LedgerApiDescription(properties, List.of(),
                                 ExampleFiles.load(new PathMatchingResourcePatternResolver(), new ObjectMapper()))
                .customise(api);
        return api;
    }
}
