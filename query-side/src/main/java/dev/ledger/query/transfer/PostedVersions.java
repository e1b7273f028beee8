package dev.ledger.query.transfer;

import dev.ledger.api.ConsistencyToken;
import dev.ledger.api.PositionToken;
import dev.ledger.query.batching.BatchedWrites;
import java.sql.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The account versions a transfer's postings produced (V10, {@code transfer_account_version}): for each of its
 * accounts, the sequence number of the event that moved the money on that account's stream (the source's debit or
 * hold capture, the destination's credit) and its event-store position. They are what a client that saw the transfer
 * completed passes to the account reads to see the money there: {@code alice@7} to {@code /accounts/alice}, or the
 * position token to any account read. A redelivered posting changes nothing (the higher version and position win).
 */
@Component
class PostedVersions {

    private static final String RESOURCE = PostedVersions.class.getName();
    private static final String UPSERT = """
            INSERT INTO transfer_account_version (transfer_id, account_id, version, position) VALUES (?, ?, ?, ?)
            ON CONFLICT (transfer_id, account_id) DO UPDATE
               SET version = GREATEST(transfer_account_version.version, EXCLUDED.version),
                   position = GREATEST(transfer_account_version.position, EXCLUDED.position)
            """;
    private static final String READ = """
            SELECT transfer_id, account_id, version, position FROM transfer_account_version
             WHERE transfer_id = ANY (?) ORDER BY transfer_id, position, account_id
            """;

    private final JdbcTemplate jdbc;
    private final BatchedWrites batches;

    PostedVersions(JdbcTemplate jdbc, BatchedWrites batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** Records that the posting at {@code version} of {@code accountId}'s stream, at {@code position}, was the transfer's. */
    void posted(String transferId, String accountId, long version, long position) {
        batches.apply(RESOURCE, ArrayList<Object[]>::new, this::send, pending ->
                pending.add(new Object[]{transferId, accountId, version, position}));
    }

    private void send(List<Object[]> pending) {
        if (!pending.isEmpty()) {
            jdbc.batchUpdate(UPSERT, pending);
            pending.clear();
        }
    }

    /** The postings of these transfers, each transfer's in the order they were appended. */
    Map<String, Posted> of(Collection<String> transferIds) {
        Map<String, Posted> posted = new LinkedHashMap<>();
        if (transferIds.isEmpty()) {
            return posted;
        }
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(READ);
            Array ids = connection.createArrayOf("varchar", transferIds.toArray());
            statement.setArray(1, ids);
            return statement;
        }, result -> {
            posted.computeIfAbsent(result.getString(1), id -> new Posted(new ArrayList<>(), new ArrayList<>()))
                  .add(result.getString(2), result.getLong(3), result.getLong(4));
        });
        return posted;
    }

    void clear() {
        jdbc.update("TRUNCATE transfer_account_version");
    }

    /** One transfer's postings: the accounts and the versions they produced, and the positions of the events. */
    record Posted(List<ConsistencyToken> versions, List<Long> positions) {

        static final Posted NONE = new Posted(List.of(), List.of());

        private void add(String accountId, long version, long position) {
            versions.add(new ConsistencyToken(accountId, version));
            positions.add(position);
        }

        /** {@code ["alice@7", "bob@3"]}. */
        List<String> accountVersions() {
            return versions.stream().map(ConsistencyToken::encode).toList();
        }

        /** {@code @<position>} of the last posting: every account read that waits for it sees all of them. */
        String postingsToken() {
            return positions.stream().max(Long::compare).map(p -> new PositionToken(p).encode()).orElse(null);
        }
    }
}
