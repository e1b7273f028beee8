package dev.ledger.command.directory;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The immutable facts of every account (exists, currency, owner), kept on the command side in the same
 * transaction as the account's opening. A transfer is validated against them before anything is written; the
 * mutable facts (balance, status) are decided by the accounts themselves during the transfer.
 */
@Component
public class AccountDirectory {

    private final JdbcTemplate jdbc;

    AccountDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The listed accounts among {@code accountIds}, by id, in one query. */
    public Map<String, ListedAccount> findAll(Collection<String> accountIds) {
        Map<String, ListedAccount> found = new HashMap<>();
        jdbc.query("SELECT account_id, currency, owner_ref, owner FROM account_directory WHERE account_id = ANY (?)",
                   rs -> {
                       found.put(rs.getString(1), new ListedAccount(rs.getString(1), rs.getString(2),
                                                                    rs.getString(3), rs.getString(4)));
                   },
                   (Object) accountIds.toArray(String[]::new));
        return found;
    }

    void register(String accountId, String currency, String ownerRef, String owner) {
        jdbc.update("INSERT INTO account_directory (account_id, currency, owner_ref, owner) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT (account_id) DO NOTHING", accountId, currency, ownerRef, owner);
    }

    /**
     * An account as the directory knows it.
     *
     * @param owner the principal who owns it, or {@code null} for accounts opened before principals
     */
    public record ListedAccount(String accountId, String currency, String ownerRef, String owner) {

        public boolean ownedBy(String principal) {
            return owner != null && owner.equals(principal);
        }
    }
}
