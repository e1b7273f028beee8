package dev.ledger.platform.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

class LedgerApiDescriptionTest {

    @Test
    void shouldDescribeATemplatedServerWithItsVariables() {
        ApiDocsProperties properties = new ApiDocsProperties(
                "Ledger", "", "1.0.0", new ApiDocsProperties.Contact("support", "https://ledger.dev/support", "api@ledger.dev"),
                new ApiDocsProperties.Licence("terms", "https://ledger.dev/terms"),
                List.of(new ApiDocsProperties.Server("http://localhost:8081", "local", null),
                        new ApiDocsProperties.Server("https://{host}", "a deployment", Map.of(
                                "host", new ApiDocsProperties.ServerVariable("ledger.example.com", "its host name")))),
                "http://localhost:9000/oauth2/token");
        OpenAPI api = new OpenAPI();

        new LedgerApiDescription(properties, List.of(),
                                 ExampleFiles.load(new PathMatchingResourcePatternResolver(), new ObjectMapper()))
                .customise(api);

        Server local = api.getServers().get(0);
        Server deployment = api.getServers().get(1);
        assertThat(local.getUrl()).isEqualTo("http://localhost:8081");
        assertThat(local.getVariables()).as("a plain URL has no variables, not an empty map").isNull();
        assertThat(deployment.getUrl()).isEqualTo("https://{host}");
        assertThat(deployment.getVariables().get("host").getDefault()).isEqualTo("ledger.example.com");
        assertThat(deployment.getVariables().get("host").getDescription()).isEqualTo("its host name");
    }
}
