package dev.ledger.faultsuite.checker;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The query side's read models against the event store, once the projections have caught up. */
final class ReadModelChecks {

    private ReadModelChecks() {
    }

    static CheckResult sumsToZero(ReadModelSnapshot readModel) {
        CheckResult result = new CheckResult("per currency, the read model (account_summary) sums to 0");
        Map<String, Long> sums = new TreeMap<>();
        readModel.accounts.values().forEach(row -> sums.merge(row.currency(), row.balance(), Math::addExact));
        sums.forEach((currency, sum) -> {
            result.fact("%s: %d rows sum to %d", currency,
                        readModel.accounts.values().stream().filter(r -> r.currency().equals(currency)).count(), sum);
            if (sum != 0) {
                result.violation(String.format("%s sums to %d in ledger_query.account_summary", currency, sum));
            }
        });
        return result;
    }

    /** Every account row, system row, transfer row and statement equals what the event store folds to. */
    static CheckResult agreesWithStore(EventStoreFold fold, ReadModelSnapshot readModel) {
        CheckResult result = new CheckResult("the read models equal the event store (accounts, statements, transfers)");
        int compared = 0;
        for (AccountFold account : fold.accounts.values()) {
            ReadModelSnapshot.AccountRow row = readModel.accounts.get(account.id);
            compared++;
            if (row == null) {
                result.violation("no account_summary row for " + account.id);
                continue;
            }
            if (row.balance() != account.reportedBalance || row.held() != account.held
                    || row.version() != account.version || !row.status().equals(account.status)) {
                result.violation(String.format("%s: read model balance %d held %d %s v%d; event store %d held %d %s "
                        + "v%d", account.id, row.balance(), row.held(), row.status(), row.version(),
                        account.reportedBalance, account.held, account.status, account.version));
            }
            long entries = readModel.statementEntries.getOrDefault(account.id, 0L);
            if (entries != account.postings) {
                result.violation(String.format("%s: %d statement entries for %d postings", account.id, entries,
                                               account.postings));
            }
        }
        compareSystem(result, readModel, "world:", fold.world);
        compareSystem(result, readModel, "transit:", fold.transit);
        for (ReadModelSnapshot.AccountRow row : readModel.accounts.values()) {
            if (!"SYSTEM".equals(row.kind()) && !fold.accounts.containsKey(row.id())) {
                result.violation("account_summary row " + row.id() + " for an account the event store does not know");
            }
        }
        int transfers = 0;
        for (TransferFold transfer : fold.transfers.values()) {
            ReadModelSnapshot.TransferRow row = readModel.transfers.get(transfer.id);
            transfers++;
            if (row == null || !Objects.equals(row.status(), transfer.status) || row.version() != transfer.version) {
                result.violation(String.format("transfer %s: read model %s, event store %s v%d", transfer.id,
                        row == null ? "missing" : row.status() + " v" + row.version(), transfer.status,
                        transfer.version));
            }
        }
        result.fact("%d accounts (with their statements) and %d transfers compared", compared, transfers);
        return result;
    }

    private static void compareSystem(CheckResult result, ReadModelSnapshot readModel, String prefix,
                                      Map<String, Long> expected) {
        expected.forEach((currency, balance) -> {
            ReadModelSnapshot.AccountRow row = readModel.accounts.get(prefix + currency);
            long actual = row == null ? 0 : row.balance();
            if (actual != balance) {
                result.violation(String.format("%s%s: read model %d, event store %d", prefix, currency, actual,
                                               balance));
            }
        });
    }
}
