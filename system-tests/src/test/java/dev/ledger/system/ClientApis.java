package dev.ledger.system;

import dev.ledger.client.command.api.AccountsApi;
import dev.ledger.client.command.api.AuthorizationsApi;
import dev.ledger.client.command.api.OperationsApi;
import dev.ledger.client.command.api.RefundsApi;
import dev.ledger.client.command.api.TransfersApi;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The generated client's API classes of both services, one set per demo client (each holding its own token), over
 * one {@code ApiClient} per caller and service so that calls reuse their connections.
 */
final class ClientApis {

    private final LedgerSystem ledger;
    private final Map<DemoClient, dev.ledger.client.command.invoker.ApiClient> commands = new ConcurrentHashMap<>();
    private final Map<DemoClient, dev.ledger.client.query.invoker.ApiClient> queries = new ConcurrentHashMap<>();

    ClientApis(LedgerSystem ledger) {
        this.ledger = ledger;
    }

    AccountsApi accounts(DemoClient caller) {
        return new AccountsApi(command(caller));
    }

    TransfersApi transfers(DemoClient caller) {
        return new TransfersApi(command(caller));
    }

    RefundsApi refunds(DemoClient caller) {
        return new RefundsApi(command(caller));
    }

    AuthorizationsApi authorizations(DemoClient caller) {
        return new AuthorizationsApi(command(caller));
    }

    OperationsApi operations(DemoClient caller) {
        return new OperationsApi(command(caller));
    }

    dev.ledger.client.query.api.AccountsApi accountReads(DemoClient caller) {
        return new dev.ledger.client.query.api.AccountsApi(query(caller));
    }

    dev.ledger.client.query.api.TransfersApi transferReads(DemoClient caller) {
        return new dev.ledger.client.query.api.TransfersApi(query(caller));
    }

    dev.ledger.client.query.api.AuthorizationsApi authorizationReads(DemoClient caller) {
        return new dev.ledger.client.query.api.AuthorizationsApi(query(caller));
    }

    dev.ledger.client.query.api.OperationsApi operationsReads(DemoClient caller) {
        return new dev.ledger.client.query.api.OperationsApi(query(caller));
    }

    dev.ledger.client.command.invoker.ApiClient command(DemoClient caller) {
        return commands.computeIfAbsent(caller, c -> GeneratedClients.command(ledger, c));
    }

    dev.ledger.client.query.invoker.ApiClient query(DemoClient caller) {
        return queries.computeIfAbsent(caller, c -> GeneratedClients.query(ledger, c));
    }

    /** A new operation's key: a retry of the same operation would send its key again. */
    static String newKey() {
        return UUID.randomUUID().toString();
    }
}
