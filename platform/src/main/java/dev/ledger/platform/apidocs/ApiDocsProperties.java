package dev.ledger.platform.apidocs;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the API description says about itself ({@code ledger.api-docs.*}): each service names its title,
 * description and servers; the contact, the licence and where tokens come from are the company's and the same.
 *
 * @param title       the document's title
 * @param description Markdown, shown above the operations by Swagger UI and Redoc
 * @param version     the API's version (not the build's: it changes when the contract does)
 * @param servers     where each run mode serves this API
 * @param tokenUrl    the client-credentials token endpoint of the default authorization server
 */
@ConfigurationProperties("ledger.api-docs")
public record ApiDocsProperties(@DefaultValue("Ledger") String title,
                                @DefaultValue("") String description,
                                @DefaultValue("1.0.0") String version,
                                @DefaultValue Contact contact,
                                @DefaultValue Licence licence,
                                List<Server> servers,
                                @DefaultValue("http://localhost:9000/oauth2/token") String tokenUrl) {

    public ApiDocsProperties {
        servers = servers == null ? List.of() : List.copyOf(servers);
    }

    public record Contact(@DefaultValue("Ledger API support") String name,
                          @DefaultValue("https://ledger.dev/support") String url,
                          @DefaultValue("api@ledger.dev") String email) {
    }

    public record Licence(@DefaultValue("Proprietary: for customers under their service agreement") String name,
                          @DefaultValue("https://ledger.dev/terms") String url) {
    }

    /**
     * @param url         the base URL; {@code {name}} marks a variable, e.g. {@code https://{host}}
     * @param description which run mode or deployment serves it
     * @param variables   the variables of a templated URL, by name
     */
    public record Server(String url, String description, Map<String, ServerVariable> variables) {

        public Server {
            variables = variables == null ? Map.of() : Map.copyOf(variables);
        }
    }

    /**
     * @param defaultValue what the variable is when the reader names nothing (OpenAPI requires one)
     * @param description  what to put there
     */
    public record ServerVariable(String defaultValue, String description) {
    }
}
