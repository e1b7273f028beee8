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
     * Where a run mode serves the API.
     *
     * @param url         the base URL; a {@code {name}} in it is one of the {@code variables}
     * @param description which run mode, in a few words
     * @param variables   the URL's template variables, by name (e.g. a deployment's host), or none
     */
    public record Server(String url, String description, Map<String, Variable> variables) {

        public Server {
            variables = variables == null ? Map.of() : Map.copyOf(variables);
        }
    }

    /**
     * A server URL's template variable.
     *
     * @param defaultValue what it stands for when the client says nothing
     * @param description  what to put there
     */
    public record Variable(String defaultValue, String description) {
    }
}
