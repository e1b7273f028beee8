package dev.ledger.auth.clients;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientPropertiesTest {

    @Test
    void shouldRefuseAClientWithoutScopes() {
        Map<String, ClientProperties.Client> clients = Map.of("ledger-x", new ClientProperties.Client("s", List.of()));

        assertThatThrownBy(() -> new ClientProperties(clients))
                .hasMessageContaining("ledger.auth-server.clients.ledger-x.scopes");
    }

    @Test
    void shouldRefuseAClientWithoutSecret() {
        Map<String, ClientProperties.Client> clients =
                Map.of("ledger-x", new ClientProperties.Client(" ", List.of("ledger.holder")));

        assertThatThrownBy(() -> new ClientProperties(clients))
                .hasMessageContaining("ledger.auth-server.clients.ledger-x.secret");
    }

    @Test
    void shouldRefuseToRunWithoutAnyClient() {
        assertThatThrownBy(() -> new ClientProperties(Map.of())).hasMessageContaining("no client is configured");
    }
}
