package dev.ledger.auth.clients;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The machine clients that may ask for tokens ({@code ledger.auth-server.clients.<client id>.*}). The demo clients
 * are in {@code application.yml}; more are added like any Spring property, e.g.
 * {@code --ledger.auth-server.clients.ledger-bench.secret=bench-secret
 * --ledger.auth-server.clients.ledger-bench.scopes=ledger.holder,ledger.treasury}.
 *
 * @param clients each client by its id
 */
@ConfigurationProperties(prefix = "ledger.auth-server")
public record ClientProperties(@DefaultValue Map<String, Client> clients) {

    public ClientProperties {
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("no client is configured under ledger.auth-server.clients, so no "
                    + "one could get a token");
        }
        clients.forEach((id, client) -> {
            if (client.secret() == null || client.secret().isBlank()) {
                throw new IllegalArgumentException("ledger.auth-server.clients." + id + ".secret must be set");
            }
            if (client.scopes().isEmpty()) {
                throw new IllegalArgumentException("ledger.auth-server.clients." + id + ".scopes must name at "
                        + "least one scope: a token without one grants nothing");
            }
        });
        clients = Map.copyOf(clients);
    }

    /**
     * One client.
     *
     * @param secret its secret, in plain text (see {@link ClientRegistrations} for how it is kept)
     * @param scopes the scopes it may be granted; a token request without {@code scope} gets all of them
     */
    public record Client(String secret, @DefaultValue List<String> scopes) {

        public Client {
            scopes = List.copyOf(scopes);
        }
    }
}
