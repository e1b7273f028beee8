package dev.ledger.query.relay;

import dev.ledger.platform.LedgerStorageProperties;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the relay keeps from earlier events to complete later ones: an account's currency (a freeze does not name
 * it), a transfer's parties, amount and reference (a rejection does not). Written in the batch's transaction, with
 * the relay's token; the relay has one segment, so every event reaches it after those it depends on.
 */
class RelayMemory {

    private final JdbcTemplate jdbc;
    private final String accounts;
    private final String transfers;

    RelayMemory(JdbcTemplate jdbc, LedgerStorageProperties storage) {
        this.jdbc = jdbc;
        this.accounts = storage.own("relay_account");
        this.transfers = storage.own("relay_transfer");
    }

    void rememberAccount(String accountId, String currency) {
        jdbc.update("INSERT INTO " + accounts + " (account_id, currency) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    accountId, currency);
    }

    /** The account's currency, empty for an account whose opening the relay has not seen. */
    Optional<String> currencyOf(String accountId) {
        List<String> found = jdbc.queryForList("SELECT currency FROM " + accounts + " WHERE account_id = ?",
                                               String.class, accountId);
        return found.stream().findFirst();
    }

    void rememberTransfer(TransferFacts transfer) {
        jdbc.update("INSERT INTO " + transfers + " (transfer_id, source_account_id, destination_account_id, amount,"
                            + " currency, reference) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    transfer.transferId(), transfer.sourceAccountId(), transfer.destinationAccountId(),
                    transfer.amount(), transfer.currency(), transfer.reference());
    }

    /** The transfer as requested, empty for one whose request the relay has not seen. */
    Optional<TransferFacts> transfer(String transferId) {
        return jdbc.query("SELECT transfer_id, source_account_id, destination_account_id, amount, currency, reference"
                                  + " FROM " + transfers + " WHERE transfer_id = ?",
                          (row, index) -> new TransferFacts(row.getString(1), row.getString(2), row.getString(3),
                                                            row.getLong(4), row.getString(5), row.getString(6)),
                          transferId).stream().findFirst();
    }

    record TransferFacts(String transferId, String sourceAccountId, String destinationAccountId, long amount,
                         String currency, String reference) {
    }
}
