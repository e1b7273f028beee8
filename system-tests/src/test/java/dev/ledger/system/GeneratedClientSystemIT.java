package dev.ledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.client.command.api.AccountCommandControllerApi;
import dev.ledger.client.command.invoker.ApiException;
import dev.ledger.client.command.model.CommandAccepted;
import dev.ledger.client.command.model.MoneyMovementRequest;
import dev.ledger.client.command.model.OpenAccountRequest;
import dev.ledger.client.query.api.AccountsApi;
import dev.ledger.client.query.model.AccountAnswer;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Java client generated from the committed OpenAPI documents (module {@code ledger-client}) against both
 * services, used the way its package documentation tells a team to: a base URI per service, the bearer token through
 * the request interceptor, the idempotency key per call. A document that no longer matches the code breaks this
 * test's compilation or its answers.
 */
@ExtendWith(SharedLedger.class)
class GeneratedClientSystemIT {

    /** A bounded wait for the read model, in ms: the query side answers as soon as it has applied the token. */
    private static final long WAIT_MS = 10_000;

    private static AccountCommandControllerApi accounts;
    private static AccountsApi accountViews;
    private static ObjectMapper json;

    @BeforeAll
    static void connect(LedgerSystem ledger) {
        // asked per request: the identity provider hands out a fresh token when the cached one is about to expire
        Consumer<HttpRequest.Builder> bearer =
                request -> request.header("Authorization", IdentityProvider.shared().everyRole());
        var commandClient = new dev.ledger.client.command.invoker.ApiClient();
        commandClient.updateBaseUri("http://localhost:" + ledger.commandPort());
        commandClient.setRequestInterceptor(bearer);
        var queryClient = new dev.ledger.client.query.invoker.ApiClient();
        queryClient.updateBaseUri("http://localhost:" + ledger.queryPort());
        queryClient.setRequestInterceptor(bearer);
        accounts = new AccountCommandControllerApi(commandClient);
        accountViews = new AccountsApi(queryClient);
        json = queryClient.getObjectMapper();
    }

    @Test
    void shouldOpenDepositAndReadTheBalanceBackWithTheConsistencyToken() throws Exception {
        String id = "client-" + UUID.randomUUID();

        CommandAccepted opened = accounts.open(new OpenAccountRequest().accountId(id).currency("EUR")
                                                                       .overdraftLimit(5000L), null, newKey());
        assertThat(opened.getAccountId()).isEqualTo(id);
        assertThat(opened.getVersion()).isZero();

        CommandAccepted deposited = accounts.deposit(id, new MoneyMovementRequest().amount(10_000L).currency("EUR"),
                                                     null, newKey());
        assertThat(deposited.getVersion()).isEqualTo(1);
        assertThat(deposited.getConsistencyToken()).isEqualTo(id + "@1");

        AccountAnswer view = accountViews.getAccount(id, deposited.getConsistencyToken(), null, WAIT_MS, null);
        assertThat(view.getProcessing()).as(view.toString()).isEqualTo(false);
        assertThat(view.getAccountId()).isEqualTo(id);
        assertThat(view.getBalance()).isEqualByComparingTo(BigDecimal.valueOf(10_000));
        assertThat(view.getAvailable()).isEqualByComparingTo(BigDecimal.valueOf(15_000));
        assertThat(view.getVersion()).isEqualTo(1);
    }

    @Test
    void shouldSurfaceARefusedWithdrawalAsAProblemWithItsCode() throws Exception {
        String id = "client-" + UUID.randomUUID();
        accounts.open(new OpenAccountRequest().accountId(id).currency("EUR"), null, newKey());

        var refused = catchThrowableOfType(ApiException.class,
                () -> accounts.withdraw(id, new MoneyMovementRequest().amount(1L).currency("EUR"), null,
                                        newKey()));

        assertThat(refused.getCode()).isEqualTo(422);
        assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(refused.getResponseBody()).path("code").asText()).isEqualTo("INSUFFICIENT_FUNDS");
    }

    /** Each call here is a new operation; a retry of one would send its key again. */
    private static Map<String, String> newKey() {
        return Map.of("Idempotency-Key", UUID.randomUUID().toString());
    }
}
