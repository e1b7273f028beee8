package dev.ledger.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Java client generated from the reviewed documents ({@code ledger-client}), set up the way its README section
 * tells a team to: a base URI per service, the bearer token through the request interceptor (asked per request, so
 * a renewed token is used once the old one nears expiry), and here also the strict mapper ({@link StrictClientJson})
 * so that drift between the services and the documents fails the tests.
 */
final class GeneratedClients {

    private GeneratedClients() {
    }

    static dev.ledger.client.command.invoker.ApiClient command(LedgerSystem ledger, DemoClient caller) {
        return command(ledger, bearer(caller::bearer));
    }

    static dev.ledger.client.query.invoker.ApiClient query(LedgerSystem ledger, DemoClient caller) {
        return query(ledger, bearer(caller::bearer));
    }

    /** A client with the token of the system tests' client that holds every role. */
    static dev.ledger.client.command.invoker.ApiClient commandWithEveryRole(LedgerSystem ledger) {
        return command(ledger, bearer(() -> IdentityProvider.shared().everyRole()));
    }

    /** A client that sends no token at all. */
    static dev.ledger.client.command.invoker.ApiClient commandWithoutToken(LedgerSystem ledger) {
        return command(ledger, request -> { });
    }

    static dev.ledger.client.query.invoker.ApiClient queryWithoutToken(LedgerSystem ledger) {
        return query(ledger, request -> { });
    }

    static dev.ledger.client.command.invoker.ApiClient command(LedgerSystem ledger,
                                                              Consumer<HttpRequest.Builder> interceptor) {
        var client = new dev.ledger.client.command.invoker.ApiClient();
        client.updateBaseUri("http://localhost:" + ledger.commandPort());
        client.setRequestInterceptor(interceptor);
        client.setReadTimeout(Duration.ofSeconds(30));
        client.setObjectMapper(StrictClientJson.strict(client.getObjectMapper()));
        return client;
    }

    static dev.ledger.client.query.invoker.ApiClient query(LedgerSystem ledger,
                                                          Consumer<HttpRequest.Builder> interceptor) {
        var client = new dev.ledger.client.query.invoker.ApiClient();
        client.updateBaseUri("http://localhost:" + ledger.queryPort());
        client.setRequestInterceptor(interceptor);
        client.setReadTimeout(Duration.ofSeconds(30));
        client.setObjectMapper(StrictClientJson.strict(client.getObjectMapper()));
        return client;
    }

    static Consumer<HttpRequest.Builder> bearer(Supplier<String> token) {
        return request -> request.header("Authorization", token.get());
    }

    /** The strict mapper the clients use, for reading a refusal's problem+json body into the generated model. */
    static ObjectMapper strictMapper() {
        return StrictClientJson.strict(dev.ledger.client.command.invoker.ApiClient.createDefaultObjectMapper());
    }
}
