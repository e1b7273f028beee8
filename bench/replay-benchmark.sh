#!/usr/bin/env bash
# Replay benchmark for the read side.
#
# Loads ACCOUNTS x EVENTS_PER_ACCOUNT events (default 10,000 x 100 = 1,000,000: one opening and 99 deposits per
# account, interleaved across accounts as live traffic would be) into the event store of a fresh database, then
# starts the query side on it and times how long its processors take to build every read model from the first
# event (account-summary, account-statement, transfers), i.e. a replay of all read models. Then it asks for a
# replay of all three through the admin API and times that too. For reference, the same run prints how fast
# PostgreSQL alone reads those rows: the floor no projection can beat.
#
# Needs: a built query-side jar (mvn -DskipTests package) and a PostgreSQL reachable as PGHOST/PGPORT/PGUSER
# (default 127.0.0.1:5432, postgres, trust auth). Drops its database at the end unless KEEP_DB=1.
set -euo pipefail
cd "$(dirname "$0")/.."

ACCOUNTS=${ACCOUNTS:-10000}
EVENTS_PER_ACCOUNT=${EVENTS_PER_ACCOUNT:-100}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
PORT=${PORT:-18081}
DB=ledger_bench_$(date +%s)
TOTAL=$((ACCOUNTS * EVENTS_PER_ACCOUNT))
JAR=query-side/target/query-side.jar
[ -f "$JAR" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }

query_pid=
cleanup() {
    [ -n "$query_pid" ] && kill "$query_pid" 2>/dev/null && wait "$query_pid" 2>/dev/null || true
    [ "${KEEP_DB:-0}" = 1 ] || dropdb --if-exists "$DB" 2>/dev/null || true
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }

echo "== database $DB: $TOTAL events ($ACCOUNTS accounts x $EVENTS_PER_ACCOUNT)"
createdb "$DB"
psql -q -v ON_ERROR_STOP=1 -d "$DB" -c "CREATE SCHEMA ledger_command"
for migration in command-side/src/main/resources/db/migration/command/V*.sql; do
    PGOPTIONS="-c search_path=ledger_command" psql -q -v ON_ERROR_STOP=1 -d "$DB" -f "$migration"
done

t0=$(now)
psql -q -v ON_ERROR_STOP=1 -d "$DB" <<SQL
INSERT INTO ledger_command.domain_event_entry
       (event_identifier, meta_data, payload, payload_type, time_stamp, aggregate_identifier, sequence_number, type)
SELECT md5('bench:' || a || ':' || s)::uuid::text,
       convert_to('{"correlationId":"bench-' || a || '"}', 'UTF8'),
       CASE WHEN s = 0
            THEN convert_to('{"accountId":"bench-' || a || '","currency":"EUR","overdraftLimit":0,"ownerRef":null}', 'UTF8')
            ELSE convert_to('{"accountId":"bench-' || a || '","postingId":"p-' || a || '-' || s
                            || '","amount":{"amount":100,"currency":"EUR"},"balanceAfter":' || (s * 100)
                            || ',"contraAccountId":"world:EUR"}', 'UTF8') END,
       CASE WHEN s = 0 THEN 'dev.ledger.api.account.AccountOpenedEvent'
            ELSE 'dev.ledger.api.account.MoneyDepositedEvent' END,
       to_char(timestamp '2026-01-01' + (s * $ACCOUNTS + a) * interval '1 millisecond', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       'bench-' || a, s, 'Account'
FROM generate_series(0, $EVENTS_PER_ACCOUNT - 1) s, generate_series(1, $ACCOUNTS) a
ORDER BY s, a;
ANALYZE ledger_command.domain_event_entry;
SQL
echo "loaded in $(elapsed "$t0" "$(now)") s"

head=$(psql -Atq -d "$DB" -c "SELECT max(global_index) FROM ledger_command.domain_event_entry")

# Reference: PostgreSQL reading the same rows, in the global order the processors read them.
t0=$(now)
psql -Atq -d "$DB" -c "SELECT count(*), sum(octet_length(payload) + octet_length(meta_data))
                       FROM (SELECT * FROM ledger_command.domain_event_entry ORDER BY global_index) e" > /dev/null
read_s=$(elapsed "$t0" "$(now)")
echo "reference: PostgreSQL reads the $TOTAL events in ${read_s} s = $(echo "$TOTAL / $read_s" | bc) events/s"

lowest_position() {
    # the lowest position over all segments of all processors (a ReplayToken nests the position it has reached)
    psql -Atq -d "$DB" -c "
        SELECT coalesce(min(coalesce((t->'currentToken'->>'index')::bigint, (t->>'index')::bigint, -1)), -1)
        FROM (SELECT convert_from(token, 'UTF8')::json AS t FROM ledger_query.token_entry) tokens" 2>/dev/null || echo -1
}
processors() {
    psql -Atq -d "$DB" -c "SELECT count(DISTINCT processor_name) FROM ledger_query.token_entry" 2>/dev/null || echo 0
}
await_caught_up() {
    until [ "$(processors)" = 3 ] && [ "$(lowest_position)" -ge "$head" ]; do
        kill -0 "$query_pid" 2>/dev/null || { echo "query side died, see target/bench-query-side.log" >&2; exit 1; }
        sleep 1
    done
}

echo "== build all read models from the first event (query side on port $PORT)"
mkdir -p target
LEDGER_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" LEDGER_DB_USER="$PGUSER" SERVER_PORT=$PORT \
    java -jar "$JAR" > target/bench-query-side.log 2>&1 &
query_pid=$!
until curl -fs "localhost:$PORT/actuator/health" > /dev/null 2>&1 || grep -q "Started QuerySideApplication" target/bench-query-side.log; do
    kill -0 "$query_pid" 2>/dev/null || { echo "query side failed to start, see target/bench-query-side.log" >&2; exit 1; }
    sleep 0.5
done
t0=$(now)
await_caught_up
build_s=$(elapsed "$t0" "$(now)")
echo "initial build: $TOTAL events x 3 read models in ${build_s} s = $(echo "$TOTAL / $build_s" | bc) events/s"

echo "== replay all read models through the admin API"
t0=$(now)
for processor in account-summary account-statement transfers; do
    curl -fs -X POST "localhost:$PORT/admin/processors/$processor/replay" > /dev/null \
        || { echo "replay endpoint not available for $processor" >&2; exit 1; }
done
sleep 1
await_caught_up
replay_s=$(elapsed "$t0" "$(now)")
echo "replay: $TOTAL events x 3 read models in ${replay_s} s = $(echo "$TOTAL / $replay_s" | bc) events/s"

balance=$(psql -Atq -d "$DB" -c "SELECT sum(balance) FROM ledger_query.account_summary WHERE currency = 'EUR'")
entries=$(psql -Atq -d "$DB" -c "SELECT count(*) FROM ledger_query.statement_entry")
echo "check: EUR sums to $balance (expect 0); $entries statement entries (expect $((ACCOUNTS * (EVENTS_PER_ACCOUNT - 1))))"
