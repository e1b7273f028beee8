package dev.ledger.platform.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.ErrorCode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** What the platform writes into a document from a service's settings and declarations, without a service. */
class LedgerApiDescriptionTest {

    private static final Header REPLAYED = new Header().description("a replayed answer");

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

    @Test
    void shouldListTheTagsByName() {
        OpenAPI api = new OpenAPI().paths(new Paths())
                                   .tags(List.of(new Tag().name("Transfers"), new Tag().name("Accounts"),
                                                 new Tag().name("Operations")));

        describe(api, List.of());

        assertThat(api.getTags()).extracting(Tag::getName).containsExactly("Accounts", "Operations", "Transfers");
    }

    @Test
    void shouldPutADeclaredHeaderOnlyOnTheRefusalsTheOperationAnswers() {
        Operation operation = new Operation().operationId("depositMoney").responses(accepted());
        Refusals.declare(operation, ErrorCode.ACCOUNT_NOT_FOUND, ErrorCode.INSUFFICIENT_FUNDS);
        Refusals.declareHeader(operation, "Idempotent-Replayed", REPLAYED, 404, 412, 422);

        describe(operation, List.of());

        ApiResponses responses = operation.getResponses();
        assertThat(responses.get("404").getHeaders()).containsEntry("Idempotent-Replayed", REPLAYED);
        assertThat(responses.get("422").getHeaders()).containsEntry("Idempotent-Replayed", REPLAYED)
                                                     .containsKey("X-Correlation-Id");
        assertThat(responses).doesNotContainKey("412");
        assertThat(operation.getExtensions()).as("nothing of the declarations is served").isNull();
    }

    @Test
    void shouldRefuseAHeaderForARefusalEveryOperationShares() {
        Operation operation = new Operation().operationId("depositMoney").responses(accepted());
        Refusals.declareHeader(operation, "Idempotent-Replayed", REPLAYED, 429);

        assertThatThrownBy(() -> describe(operation, List.of())).isInstanceOf(IllegalStateException.class)
                                                                 .hasMessageContaining("depositMoney")
                                                                 .hasMessageContaining("RateLimited");
    }

    private static ApiResponses accepted() {
        return new ApiResponses().addApiResponse("202", new ApiResponse().description("accepted"));
    }

    private static OpenAPI describe(Operation operation, List<ApiDocsProperties.Server> servers) {
        OpenAPI api = new OpenAPI().paths(new Paths().addPathItem("/accounts/{accountId}/deposits",
                                                                  new PathItem().post(operation)));
        describe(api, servers);
        return api;
    }

    private static void describe(OpenAPI api, List<ApiDocsProperties.Server> servers) {
        ApiDocsProperties properties = new ApiDocsProperties(
                "Ledger", "", "1.0.0", new ApiDocsProperties.Contact("support", "https://ledger.dev", "a@ledger.dev"),
                new ApiDocsProperties.Licence("licence", "https://ledger.dev/terms"), servers,
                "http://localhost:9000/oauth2/token");
        new LedgerApiDescription(properties, List.of(),
                                 ExampleFiles.load(new PathMatchingResourcePatternResolver(), new ObjectMapper()))
                .customise(api);
    }
}
