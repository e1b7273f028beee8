package dev.ledger.system;

import static dev.ledger.system.ClientApis.newKey;

import dev.ledger.client.command.model.AuthorizeRequest;
import dev.ledger.client.command.model.MoneyMovementRequest;
import dev.ledger.client.command.model.OpenAccountRequest;
import dev.ledger.client.command.model.TransferRequest;

/**
 * What the client tests need in place before the call they are about, made through the generated client too: EUR
 * accounts of the demo holders (ids of this run), money deposited by treasury, a completed transfer, an open
 * authorization.
 */
final class ClientFixtures {

    private final ClientApis apis;
    private final RunIds ids;

    ClientFixtures(ClientApis apis, RunIds ids) {
        this.apis = apis;
        this.ids = ids;
    }

    static MoneyMovementRequest eur(long amount) {
        return new MoneyMovementRequest().amount(amount).currency("EUR");
    }

    static TransferRequest transfer(String source, String destination, long amount) {
        return new TransferRequest().sourceAccountId(source).destinationAccountId(destination).amount(amount)
                                    .currency("EUR");
    }

    /** A new id of this run, readable in the ledger's data ({@code <run prefix><name>-<random>}). */
    String newId(String name) {
        return ids.id(name + "-" + newKey().substring(0, 8));
    }

    /** A EUR account of the first holder, with that much deposited by treasury. */
    String openedWith(long balance) throws Exception {
        String account = opened(DemoClient.HOLDER, "account");
        if (balance > 0) {
            apis.accounts(DemoClient.TREASURY).depositMoney(account, newKey(), eur(balance), null);
        }
        return account;
    }

    /** A EUR account the holder opens for itself (it becomes the owner). */
    String opened(DemoClient holder, String name) throws Exception {
        String account = newId(name);
        apis.accounts(holder).openAccount(newKey(), new OpenAccountRequest().accountId(account).currency("EUR"), null);
        return account;
    }

    /** A transfer from the first holder's account to the second holder's, completed when the request returns. */
    String completedTransfer(long funds, long amount) throws Exception {
        String payer = openedWith(funds);
        String payee = opened(DemoClient.HOLDER_2, "payee");
        return apis.transfers(DemoClient.HOLDER).requestTransfer(newKey(), transfer(payer, payee, amount), null)
                   .getTransferId();
    }

    /** An open authorization on a funded account of the first holder, paying the destination if one is given. */
    String authorized(long funds, long amount, String destination) throws Exception {
        String account = openedWith(funds);
        return apis.authorizations(DemoClient.HOLDER)
                   .placeAuthorization(account, newKey(), new AuthorizeRequest().amount(amount).currency("EUR")
                                                                                .destinationAccountId(destination),
                                       null)
                   .getAuthorizationId();
    }
}
