#!/usr/bin/env bash
# Replay benchmark for the read side.
#
# Loads a history into the event store of a fresh database: ACCOUNTS accounts with EVENTS_PER_ACCOUNT events each
# (an opening, then deposits), where every TRANSFER_EVERY-th round pairs the accounts up and each odd account pays
# 50 to the next one in a transfer shaped as the command side commits it now: TransferRequested, TransferScreened
# (PASSED), TransferDebited (source), TransferCredited (destination), TransferCompleted, consecutive in the store.
# Interleaved across accounts as live traffic would be. The default, 10,000 accounts x 85 events with a transfer
# round every 8th, is 850,000 account events plus 50,000 transfers x 3 transfer events = 1,000,000 events. Then it
# starts the query side on it and times how long its processors take to build every read model from the first
# event (account-summary, account-statement, transfers), i.e. a replay of all read models. Then it asks for a
# replay of all three through the admin API and times that too. For reference, the same run prints how fast
# PostgreSQL alone reads those rows: the floor no projection can beat.
#
# The last two lines are machine-readable (another benchmark parses them; keep them last and in this form):
#   REPLAY_EVENTS_PER_SEC=<the slower of the initial build and the admin replay, events/s>
#   PG_READ_ROWS_PER_SEC=<PostgreSQL's read rate of the same rows in the same run>
#
# Needs: a built query-side jar (mvn -DskipTests package) and a PostgreSQL reachable as PGHOST/PGPORT/PGUSER
# (default 127.0.0.1:5432, postgres, trust auth). Drops its database at the end unless KEEP_DB=1. QUERY_JAVA_OPTS
# go to the query side's JVM (e.g. a flight recording: -XX:StartFlightRecording=duration=60s,filename=/tmp/r.jfr).
set -euo pipefail
cd "$(dirname "$0")/.."

ACCOUNTS=${ACCOUNTS:-10000}
ACCOUNTS=$(( (ACCOUNTS + 1) / 2 * 2 )) # transfers pair the accounts up
EVENTS_PER_ACCOUNT=${EVENTS_PER_ACCOUNT:-85}
TRANSFER_EVERY=${TRANSFER_EVERY:-8}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
PORT=${PORT:-18081}
DB=ledger_bench_$(date +%s)
TRANSFER_ROUNDS=$(( (EVENTS_PER_ACCOUNT - 1) / TRANSFER_EVERY ))
TRANSFERS=$(( ACCOUNTS / 2 * TRANSFER_ROUNDS ))
TOTAL=$(( ACCOUNTS * EVENTS_PER_ACCOUNT + 3 * TRANSFERS ))
JAR=query-side/target/query-side.jar
[ -f "$JAR" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }

query_pid=
auth_pid=
cleanup() {
    [ -n "$query_pid" ] && kill "$query_pid" 2>/dev/null && wait "$query_pid" 2>/dev/null || true
    [ -n "$auth_pid" ] && kill "$auth_pid" 2>/dev/null || true
    [ "${KEEP_DB:-0}" = 1 ] || dropdb --if-exists "$DB" 2>/dev/null || true
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }

echo "== database $DB: $TOTAL events ($ACCOUNTS accounts x $EVENTS_PER_ACCOUNT, $TRANSFERS transfers in one commit each)"
createdb "$DB"
psql -q -v ON_ERROR_STOP=1 -d "$DB" -c "CREATE SCHEMA ledger_command"
for migration in command-side/src/main/resources/db/migration/command/V*.sql; do
    PGOPTIONS="-c search_path=ledger_command" psql -q -v ON_ERROR_STOP=1 -d "$DB" -f "$migration"
done

t0=$(now)
psql -q -v ON_ERROR_STOP=1 -d "$DB" <<SQL
-- one row per event: round s, account a, k = position inside the round's commit for that account pair
WITH rounds AS (
    SELECT s, a, (s > 0 AND s % $TRANSFER_EVERY = 0) AS transfer,
           -- the account's balance after round s: 100 per deposit round, -50 / +50 per transfer round
           100 * (s - s / $TRANSFER_EVERY) + CASE WHEN a % 2 = 1 THEN -50 ELSE 50 END * (s / $TRANSFER_EVERY) AS balance
    FROM generate_series(0, $EVENTS_PER_ACCOUNT - 1) s, generate_series(1, $ACCOUNTS) a
), events AS (
    SELECT s, a, 0 AS k, 'Account' AS type, 'bench-' || a AS aggregate, s AS seq,
           CASE WHEN s = 0 THEN 'dev.ledger.api.account.AccountOpenedEvent'
                ELSE 'dev.ledger.api.account.MoneyDepositedEvent' END AS payload_type,
           CASE WHEN s = 0
                THEN '{"accountId":"bench-' || a || '","currency":"EUR","overdraftLimit":0,"ownerRef":null}'
                ELSE '{"accountId":"bench-' || a || '","postingId":"p-' || a || '-' || s
                     || '","amount":{"amount":100,"currency":"EUR"},"balanceAfter":' || balance
                     || ',"contraAccountId":"world:EUR"}' END AS payload
    FROM rounds WHERE NOT transfer
    UNION ALL
    SELECT s, a, x.k, x.type, x.aggregate, x.seq, x.payload_type, x.payload
    FROM rounds r
    CROSS JOIN LATERAL (SELECT 'bench-t-' || r.a || '-' || r.s AS id, 'bench-' || r.a AS src,
                               'bench-' || (r.a + 1) AS dst) t
    CROSS JOIN LATERAL (VALUES
        (0, 'Transfer', t.id, 0, 'dev.ledger.api.transfer.TransferRequestedEvent',
         '{"transferId":"' || t.id || '","sourceAccountId":"' || t.src || '","destinationAccountId":"' || t.dst
         || '","amount":{"amount":50,"currency":"EUR"},"reference":"bench"}'),
        (1, 'Transfer', t.id, 1, 'dev.ledger.api.transfer.TransferScreenedEvent',
         '{"transferId":"' || t.id || '","decision":"PASSED","hits":[]}'),
        (2, 'Account', t.src, r.s, 'dev.ledger.api.account.TransferDebitedEvent',
         '{"accountId":"' || t.src || '","transferId":"' || t.id || '","postingId":"' || t.id
         || ':debit","amount":{"amount":50,"currency":"EUR"},"balanceAfter":' || r.balance
         || ',"contraAccountId":"transit:EUR"}'),
        (3, 'Account', t.dst, r.s, 'dev.ledger.api.account.TransferCreditedEvent',
         '{"accountId":"' || t.dst || '","transferId":"' || t.id || '","postingId":"' || t.id
         || ':credit","amount":{"amount":50,"currency":"EUR"},"balanceAfter":' || (r.balance + 100 * (r.s / $TRANSFER_EVERY))
         || ',"contraAccountId":"transit:EUR"}'),
        (4, 'Transfer', t.id, 2, 'dev.ledger.api.transfer.TransferCompletedEvent',
         '{"transferId":"' || t.id || '","sourceAccountId":"' || t.src || '","destinationAccountId":"' || t.dst
         || '","amount":{"amount":50,"currency":"EUR"}}')
    ) AS x(k, type, aggregate, seq, payload_type, payload)
    WHERE r.transfer AND r.a % 2 = 1
)
INSERT INTO ledger_command.domain_event_entry
       (event_identifier, meta_data, payload, payload_type, time_stamp, aggregate_identifier, sequence_number, type)
SELECT md5('bench:' || s || ':' || a || ':' || k)::uuid::text,
       convert_to('{"correlationId":"bench-' || a || '"}', 'UTF8'),
       convert_to(payload, 'UTF8'),
       payload_type,
       to_char(timestamp '2026-01-01' + ((s * $ACCOUNTS + a) * 5 + k) * interval '1 millisecond',
               'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       aggregate, seq, type
FROM events
ORDER BY s, a, k;
ANALYZE ledger_command.domain_event_entry;
SQL
echo "loaded in $(elapsed "$t0" "$(now)") s"

head=$(psql -Atq -d "$DB" -c "SELECT max(global_index) FROM ledger_command.domain_event_entry")

# Reference: PostgreSQL reading the same rows, in the global order the processors read them.
t0=$(now)
psql -Atq -d "$DB" -c "SELECT count(*), sum(octet_length(payload) + octet_length(meta_data))
                       FROM (SELECT * FROM ledger_command.domain_event_entry ORDER BY global_index) e" > /dev/null
read_s=$(elapsed "$t0" "$(now)")
pg_rate=$(echo "$TOTAL / $read_s" | bc)
echo "reference: PostgreSQL reads the $TOTAL events in ${read_s} s = $pg_rate events/s"

lowest_position() {
    # the lowest position over all segments of all processors (a ReplayToken nests the position it has reached)
    psql -Atq -d "$DB" -c "
        SELECT coalesce(min(coalesce((t->'currentToken'->>'index')::bigint, (t->>'index')::bigint, -1)), -1)
        FROM (SELECT convert_from(token, 'UTF8')::json AS t FROM ledger_query.token_entry) tokens" 2>/dev/null || echo -1
}
# every read model's processor (the relay is off: no broker is configured); the replay below replays each of them
READ_MODELS="account-summary account-statement transfers authorizations"
READ_MODEL_COUNT=$(echo $READ_MODELS | wc -w)
processors() {
    psql -Atq -d "$DB" -c "SELECT count(DISTINCT processor_name) FROM ledger_query.token_entry" 2>/dev/null || echo 0
}
await_caught_up() {
    until [ "$(processors)" -ge "$READ_MODEL_COUNT" ] && [ "$(lowest_position)" -ge "$head" ]; do
        kill -0 "$query_pid" 2>/dev/null || { echo "query side died, see target/bench-query-side.log" >&2; exit 1; }
        sleep 1
    done
}

cpu_seconds() {
    # CPU time (user + system) used so far by the query side and by this database's PostgreSQL backends; on a busy
    # machine the wall-clock rate says more about the neighbours than about the code, the CPU per event does not
    local pids ticks=0
    pids="$query_pid $(psql -Atq -d "$DB" -c "SELECT pid FROM pg_stat_activity WHERE datname = current_database()
                                                AND pid <> pg_backend_pid()")"
    for pid in $pids; do
        [ -r "/proc/$pid/stat" ] && ticks=$(( ticks + $(awk '{print $14 + $15}' "/proc/$pid/stat") ))
    done
    echo "scale=2; $ticks / $(getconf CLK_TCK)" | bc
}
cpu_report() { # $1 what, $2 seconds of CPU
    echo "$1: $2 CPU-s (query side + its PostgreSQL backends) = $(echo "$TOTAL / $2" | bc) events per CPU-second;" \
         "machine load $(cut -d' ' -f1-3 /proc/loadavg)"
}

# The admin API answers only an operator's token: bench/run.sh hands its own; run alone, this script starts the
# authorization server itself.
if [ -z "${LEDGER_TOKEN:-}" ]; then
    # shellcheck source=bench/auth-server.sh
    . bench/auth-server.sh
    start_auth_server "${AUTH_PORT:-18191}" target/bench-auth || exit 1
fi

echo "== build all read models from the first event (query side on port $PORT)"
mkdir -p target
LEDGER_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" LEDGER_DB_USER="$PGUSER" SERVER_PORT=$PORT \
    java ${QUERY_JAVA_OPTS:-} -jar "$JAR" > target/bench-query-side.log 2>&1 &
query_pid=$!
until curl -fs "localhost:$PORT/actuator/health" > /dev/null 2>&1 || grep -q "Started QuerySideApplication" target/bench-query-side.log; do
    kill -0 "$query_pid" 2>/dev/null || { echo "query side failed to start, see target/bench-query-side.log" >&2; exit 1; }
    sleep 0.5
done
t0=$(now)
cpu0=$(cpu_seconds)
await_caught_up
cpu_report "initial build" "$(echo "$(cpu_seconds) - $cpu0" | bc)"
build_s=$(elapsed "$t0" "$(now)")
build_rate=$(echo "$TOTAL / $build_s" | bc)
echo "initial build: $TOTAL events x $READ_MODEL_COUNT read models in ${build_s} s = $build_rate events/s"

echo "== replay all read models through the admin API"
t0=$(now)
for processor in $READ_MODELS; do
    curl -fs -X POST -H "Authorization: Bearer $LEDGER_TOKEN" "localhost:$PORT/admin/processors/$processor/replay" > /dev/null \
        || { echo "replay endpoint not available for $processor" >&2; exit 1; }
done
cpu0=$(cpu_seconds)
sleep 1
await_caught_up
cpu_report "replay" "$(echo "$(cpu_seconds) - $cpu0" | bc)"
replay_s=$(elapsed "$t0" "$(now)")
replay_rate=$(echo "$TOTAL / $replay_s" | bc)
echo "replay: $TOTAL events x $READ_MODEL_COUNT read models in ${replay_s} s = $replay_rate events/s"

balance=$(psql -Atq -d "$DB" -c "SELECT sum(balance) FROM ledger_query.account_summary WHERE currency = 'EUR'")
entries=$(psql -Atq -d "$DB" -c "SELECT count(*) FROM ledger_query.statement_entry")
completed=$(psql -Atq -d "$DB" -c "SELECT count(*) FROM ledger_query.transfer_view WHERE status = 'COMPLETED'")
echo "check: EUR sums to $balance (expect 0); $entries statement entries (expect $((ACCOUNTS * (EVENTS_PER_ACCOUNT - 1))));" \
     "$completed transfers completed (expect $TRANSFERS)"
echo "REPLAY_EVENTS_PER_SEC=$(( build_rate < replay_rate ? build_rate : replay_rate ))"
echo "PG_READ_ROWS_PER_SEC=$pg_rate"
