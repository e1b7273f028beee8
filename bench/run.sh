#!/usr/bin/env bash
# The ledger benchmark: one command, one PostgreSQL, every figure beside pgbench's.
#
#   bench/run.sh [--quick] [--skip-replay] [--clients C] [--accounts N] [--phase-seconds S]
#                [--pgbench-scale K] [--pgbench-seconds T] [--keep-db]
#
# 1. pgbench TPC-B baseline on a scratch database: `pgbench -i -s K`, then `pgbench -M prepared -c C -j 2 -T T`.
# 2. Replay benchmark (bench/replay-benchmark.sh, its own database and query side) unless --skip-replay.
# 3. A fresh database; command side started alone, stopped; query side started alone, stopped (full mode only); both
#    started at once and kept: each start-up is timed to /actuator/health answering UP.
# 4. The load driver (bench module, bench/target/bench.jar) opens and funds N accounts, then runs deposits (closed
#    loop) and, for uniform, Zipf s=1 and Zipf s=2 account choice, transfers in a closed loop with C clients followed
#    by transfers at a fixed rate of half that peak (open loop, latency from the intended send time).
# 5. A table on stdout and JSON in bench/results/<timestamp>.json (ignored by git).
#
# Builds nothing: run `mvn -B -DskipTests package` first. Exits non-zero when something did not run (a service did
# not start, pgbench or the replay failed, no transfer completed); it never judges the figures.
#
# Flags win over environment variables, which win over the defaults (full mode / --quick):
#   --clients          BENCH_CLIENTS          8 / 4       concurrent clients, for pgbench and the ledger alike
#   --accounts         BENCH_ACCOUNTS         1000 / 50   accounts opened and funded
#   --phase-seconds    BENCH_PHASE_SECONDS    30 / 3      length of each load phase (7 phases)
#   --pgbench-scale    BENCH_PGBENCH_SCALE    10 / 1      pgbench -i -s
#   --pgbench-seconds  BENCH_PGBENCH_SECONDS  30 / 5      pgbench -T
#   --skip-replay      BENCH_SKIP_REPLAY=1                no replay benchmark
#   --keep-db          KEEP_DB=1                          keep the databases (names printed) for a look afterwards
#                      BENCH_REPLAY_ACCOUNTS  10000 / 200 replay: ACCOUNTS of replay-benchmark.sh
#                      BENCH_REPLAY_EVENTS_PER_ACCOUNT 100 / 10   replay: EVENTS_PER_ACCOUNT
#                      BENCH_REPLAY_ALONGSIDE 0 / 1       run the replay while the services start (saves time,
#                                                         distorts both figures: fine for a smoke run only)
#                      BENCH_SAMPLE_EVERY     10          follow every n-th accepted transfer to COMPLETED
#                      BENCH_DRAIN_SECONDS    60 / 15     after a transfer phase, wait at most this for catching up
#                      BENCH_FOLLOW_SECONDS   180 / 30    a followed transfer not COMPLETED by then counts as
#                                                         NOT_FINISHED_IN_TIME (no latency recorded for it)
#                      BENCH_COMMAND_PORT     18180       ports away from a dev instance on 8080/8081
#                      BENCH_QUERY_PORT       18181
#                      BENCH_REPLAY_PORT      18182
#                      BENCH_STARTUP_ALONE    1 / 0       also time each service started alone (two more start-ups)
#                      BENCH_STARTUP_TIMEOUT  300         seconds a service may take to answer health UP
#                      BENCH_JAVA_OPTS        service-jvm.options / -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
#                                                         JVM options of the services (also the replay's query side);
#                                                         --quick trades peak speed for start-up time, as CI wants
#                      BENCH_AUTH_PORT        18190       the authorization server the run starts (bench/auth-server.sh)
#                      PGHOST PGPORT PGUSER   127.0.0.1 5432 postgres
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
for arg in "$@"; do [ "$arg" = --quick ] && quick=1; done
if [ "$quick" = 1 ]; then
    CLIENTS=${BENCH_CLIENTS:-4} ACCOUNTS=${BENCH_ACCOUNTS:-50} PHASE_SECONDS=${BENCH_PHASE_SECONDS:-3}
    PGBENCH_SCALE=${BENCH_PGBENCH_SCALE:-1} PGBENCH_SECONDS=${BENCH_PGBENCH_SECONDS:-5}
    REPLAY_ACCOUNTS=${BENCH_REPLAY_ACCOUNTS:-200} REPLAY_EVENTS=${BENCH_REPLAY_EVENTS_PER_ACCOUNT:-10}
    DRAIN_SECONDS=${BENCH_DRAIN_SECONDS:-15} FOLLOW_SECONDS=${BENCH_FOLLOW_SECONDS:-30} STARTUP_ALONE=${BENCH_STARTUP_ALONE:-0}
    JAVA_OPTS=${BENCH_JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} REPLAY_ALONGSIDE=${BENCH_REPLAY_ALONGSIDE:-1}
else
    CLIENTS=${BENCH_CLIENTS:-8} ACCOUNTS=${BENCH_ACCOUNTS:-1000} PHASE_SECONDS=${BENCH_PHASE_SECONDS:-30}
    PGBENCH_SCALE=${BENCH_PGBENCH_SCALE:-10} PGBENCH_SECONDS=${BENCH_PGBENCH_SECONDS:-30}
    REPLAY_ACCOUNTS=${BENCH_REPLAY_ACCOUNTS:-10000} REPLAY_EVENTS=${BENCH_REPLAY_EVENTS_PER_ACCOUNT:-100}
    DRAIN_SECONDS=${BENCH_DRAIN_SECONDS:-60} FOLLOW_SECONDS=${BENCH_FOLLOW_SECONDS:-180} STARTUP_ALONE=${BENCH_STARTUP_ALONE:-1}
    JAVA_OPTS=${BENCH_JAVA_OPTS:-$(tr '\n' ' ' < service-jvm.options)} REPLAY_ALONGSIDE=${BENCH_REPLAY_ALONGSIDE:-0}
fi
SKIP_REPLAY=${BENCH_SKIP_REPLAY:-0}
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) ;;
        --skip-replay) SKIP_REPLAY=1 ;;
        --keep-db) KEEP_DB=1 ;;
        --clients) CLIENTS=$2; shift ;;
        --accounts) ACCOUNTS=$2; shift ;;
        --phase-seconds) PHASE_SECONDS=$2; shift ;;
        --pgbench-scale) PGBENCH_SCALE=$2; shift ;;
        --pgbench-seconds) PGBENCH_SECONDS=$2; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
KEEP_DB=${KEEP_DB:-0}
SAMPLE_EVERY=${BENCH_SAMPLE_EVERY:-10}
COMMAND_PORT=${BENCH_COMMAND_PORT:-18180} QUERY_PORT=${BENCH_QUERY_PORT:-18181} REPLAY_PORT=${BENCH_REPLAY_PORT:-18182}
AUTH_PORT=${BENCH_AUTH_PORT:-18190}
STARTUP_TIMEOUT=${BENCH_STARTUP_TIMEOUT:-300}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}

COMMAND_JAR=command-side/target/command-side.jar
QUERY_JAR=query-side/target/query-side.jar
BENCH_JAR=bench/target/bench.jar
for jar in "$COMMAND_JAR" "$QUERY_JAR" "$BENCH_JAR"; do
    [ -f "$jar" ] || { echo "missing $jar: build first with  mvn -B -DskipTests package" >&2; exit 1; }
done
for tool in pgbench psql createdb dropdb curl java; do
    command -v "$tool" > /dev/null || { echo "$tool not found on PATH" >&2; exit 1; }
done

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
TAG=$(date +%s)
WORK=bench/target/run-$STAMP         # logs and the facts file; target/ is ignored by git
RESULT=bench/results/$STAMP.json
FACTS=$WORK/facts.properties
PGBENCH_DB=bench_pgbench_$TAG
LEDGER_DB=bench_ledger_$TAG
mkdir -p "$WORK" bench/results
: > "$FACTS"
started_at=$(date +%s)

pids=()
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [ -n "$replay_pid" ]; then
        pkill -TERM -P "$replay_pid" 2> /dev/null || true   # its query side and whatever it waits for
        kill "$replay_pid" 2> /dev/null || true
    fi
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    if [ "$KEEP_DB" = 1 ]; then
        echo "kept databases $PGBENCH_DB and $LEDGER_DB" >&2
    else
        dropdb --if-exists "$PGBENCH_DB" 2> /dev/null || true
        dropdb --if-exists "$LEDGER_DB" 2> /dev/null || true
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "[bench +$(( $(date +%s) - started_at ))s] $*" >&2; }
fact() { echo "$1=$2" >> "$FACTS"; }
millis() { echo $(( $(date +%s%N) / 1000000 )); }

# --- 1. pgbench ------------------------------------------------------------------------------------------------------
# shellcheck source=bench/auth-server.sh
. bench/auth-server.sh
if [ "$quick" = 1 ]; then
    # --quick lets the authorization server start during pgbench (its figures are not compared anyway); a full run
    # keeps the baseline alone on the machine
    launch_auth_server "$AUTH_PORT" "$WORK/auth" || { say "FAILED: authorization server"; exit 1; }
    pids+=("$auth_pid")
fi

say "pgbench: -i -s $PGBENCH_SCALE, then -M prepared -c $CLIENTS -T $PGBENCH_SECONDS on $PGBENCH_DB"
createdb "$PGBENCH_DB"
pgbench -i -q -s "$PGBENCH_SCALE" "$PGBENCH_DB" > "$WORK/pgbench-init.log" 2>&1 \
    || { cat "$WORK/pgbench-init.log" >&2; say "FAILED: pgbench -i"; exit 1; }
threads=$(( CLIENTS < 2 ? CLIENTS : 2 ))
pgbench -M prepared -c "$CLIENTS" -j "$threads" -T "$PGBENCH_SECONDS" "$PGBENCH_DB" > "$WORK/pgbench.log" 2>&1 \
    || { cat "$WORK/pgbench.log" >&2; say "FAILED: pgbench"; exit 1; }
tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK/pgbench.log" | head -1)
latency=$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$WORK/pgbench.log" | head -1)
[ -n "$tps" ] || { cat "$WORK/pgbench.log" >&2; say "FAILED: no tps in pgbench's output"; exit 1; }
fact pgbench.tps "$tps"; fact pgbench.latencyAvgMs "$latency"
fact pgbench.clients "$CLIENTS"; fact pgbench.scale "$PGBENCH_SCALE"; fact pgbench.seconds "$PGBENCH_SECONDS"
say "pgbench: $tps tps, $latency ms average"
dropdb --if-exists "$PGBENCH_DB"

# --- tokens ----------------------------------------------------------------------------------------------------------
if [ "$quick" != 1 ]; then
    launch_auth_server "$AUTH_PORT" "$WORK/auth" || { say "FAILED: authorization server"; exit 1; }
    pids+=("$auth_pid")
fi
await_auth_token "$AUTH_PORT" "$WORK/auth" || { say "FAILED: authorization server"; exit 1; }
say "authorization server on :$AUTH_PORT, token for ledger-bench"

# --- 2. replay -------------------------------------------------------------------------------------------------------
replay_pid=
run_replay() {
    say "replay: $REPLAY_ACCOUNTS accounts x $REPLAY_EVENTS events (bench/replay-benchmark.sh)"
    # its own names for its knobs, so BENCH_* never leak into them; JAVA_TOOL_OPTIONS because it starts its query
    # side with plain `java -jar`
    ACCOUNTS=$REPLAY_ACCOUNTS EVENTS_PER_ACCOUNT=$REPLAY_EVENTS PORT=$REPLAY_PORT KEEP_DB=$KEEP_DB \
        JAVA_TOOL_OPTIONS="$JAVA_OPTS ${JAVA_TOOL_OPTIONS:-}" \
        bench/replay-benchmark.sh > "$WORK/replay.log" 2>&1
}
replay_figures() {
    fact replay.events $(( REPLAY_ACCOUNTS * REPLAY_EVENTS ))
    # The figures as the script's last lines will state them; until then, as it prints them today.
    local log=$WORK/replay.log replay_rate read_rate build_rate
    replay_rate=$(sed -n 's/^REPLAY_EVENTS_PER_SEC=\([0-9.]*\).*/\1/p' "$log" | tail -1)
    read_rate=$(sed -n 's/^PG_READ_ROWS_PER_SEC=\([0-9.]*\).*/\1/p' "$log" | tail -1)
    [ -n "$replay_rate" ] || replay_rate=$(sed -n 's/^replay: .* = \([0-9.]*\) events\/s.*/\1/p' "$log" | tail -1)
    [ -n "$read_rate" ] || read_rate=$(sed -n 's/^reference: .* = \([0-9.]*\) events\/s.*/\1/p' "$log" | tail -1)
    build_rate=$(sed -n 's/^initial build: .* = \([0-9.]*\) events\/s.*/\1/p' "$log" | tail -1)
    [ -n "$replay_rate" ] || { tail -20 "$log" >&2; say "FAILED: no replay figure in its output"; exit 1; }
    fact replay.eventsPerSec "$replay_rate"; fact replay.pgReadRowsPerSec "$read_rate"
    fact replay.initialBuildEventsPerSec "$build_rate"
    say "replay: $replay_rate events/s (PostgreSQL alone reads ${read_rate:-?} rows/s)"
}
replay_failed() {
    tail -20 "$WORK/replay.log" >&2
    say "FAILED: replay benchmark (see $WORK/replay.log)"
    exit 1
}
if [ "$SKIP_REPLAY" = 1 ]; then
    fact replay.skipped true
else
    # always in the background, so a TERM reaches the trap at once; waited for here unless it runs alongside
    # (--quick: the replay's own query side starts while ours do, which saves a start-up on the clock)
    run_replay & replay_pid=$!
    if [ "$REPLAY_ALONGSIDE" != 1 ]; then
        wait "$replay_pid" || replay_failed
        replay_pid=
        replay_figures
    fi
fi

# --- 3. start-up -----------------------------------------------------------------------------------------------------
SCREENING_OFF=(--ledger.screening.velocity-max-count=1000000000
               --ledger.screening.velocity-max-sums.EUR=9000000000000000
               --ledger.screening.amount-thresholds.EUR=9000000000000000)
# The driver is one caller (one address, one token) sending all the load, far above the default 200 requests/s of
# one caller. The rate limit stays on, so its cost is in the figures; raised, it refuses nothing.
RATE_RAISED=(--ledger.limits.rate.requests-per-second=1000000 --ledger.limits.rate.burst=1000000)

# Class data sharing as the local runner uses it (ClassDataSharing.java): the jar extracted into target/cds once per
# build, and an archive of the loaded classes written when the first run stops and mapped by every later start.
cds_prepare() { # jar -> extracted jar in $cds_jar, archive path in $cds_archive
    local jar=$1 dir name
    dir=$(dirname "$jar")/cds; name=$(basename "$jar" .jar)
    cds_jar=$dir/$name.jar; cds_archive=$dir/$name.jsa
    if [ ! -f "$cds_jar" ] || [ "$jar" -nt "$cds_jar" ]; then
        rm -rf "$dir"
        java -Djarmode=tools -jar "$jar" extract --destination "$dir" > /dev/null
    fi
}

start_service() { # name port log -> pid in $started_pid
    local name=$1 port=$2 log=$3 jar args=() cds=()
    if [ "$name" = command-side ]; then jar=$COMMAND_JAR; args=("${SCREENING_OFF[@]}"); else jar=$QUERY_JAR; fi
    args+=("${RATE_RAISED[@]}")
    cds_prepare "$jar"
    if [ -f "$cds_archive" ]; then cds=(-XX:SharedArchiveFile="$cds_archive"); else cds=(-XX:ArchiveClassesAtExit="$cds_archive"); fi
    # shellcheck disable=SC2086  # JAVA_OPTS is a list of options
    LEDGER_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$LEDGER_DB" LEDGER_DB_USER="$PGUSER" \
        java $JAVA_OPTS "${cds[@]}" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$cds_jar" --server.port="$port" \
        "${args[@]}" > "$log" 2>&1 &
    started_pid=$!
    pids+=("$started_pid")
}

# Sets up_ms instead of printing it: inside $(...) a TERM would wait for the whole start-up (or get lost).
await_up() { # name port pid since_ms -> up_ms: ms until health answered UP
    local name=$1 port=$2 pid=$3 since=$4 deadline=$(( $(date +%s) + STARTUP_TIMEOUT ))
    until curl -fs "http://127.0.0.1:$port/actuator/health" 2> /dev/null | grep -q '^{"status":"UP"'; do
        kill -0 "$pid" 2> /dev/null || { say "FAILED: $name exited during start-up (see $WORK)"; exit 1; }
        [ "$(date +%s)" -lt "$deadline" ] || { say "FAILED: $name not UP after $STARTUP_TIMEOUT s (see $WORK)"; exit 1; }
        sleep 0.1
    done
    up_ms=$(( $(millis) - since ))
}

stop_service() {
    kill "$1" 2> /dev/null || true
    wait "$1" 2> /dev/null || true
}

for port in "$COMMAND_PORT" "$QUERY_PORT"; do
    ! curl -s -o /dev/null "http://127.0.0.1:$port/" \
        || { say "FAILED: port $port is taken (set BENCH_COMMAND_PORT / BENCH_QUERY_PORT)"; exit 1; }
done
createdb "$LEDGER_DB"
# Alone: the command side first, because it migrates the event store the query side reads.
for service in $([ "$STARTUP_ALONE" = 1 ] && echo command-side query-side); do
    port=$([ $service = command-side ] && echo "$COMMAND_PORT" || echo "$QUERY_PORT")
    # the first start of a build writes the class data archive when it stops; the second is the one users see
    for start in first again; do
        t0=$(millis)
        start_service $service "$port" "$WORK/$service-alone-$start.log"
        await_up $service "$port" "$started_pid" "$t0"
        stop_service "$started_pid"
    done
    fact "startup.$service.aloneMs" "$up_ms"
    say "$service alone: UP in $up_ms ms (with its class data archive)"
done
t0=$(millis)
start_service command-side "$COMMAND_PORT" "$WORK/command-side.log"; command_pid=$started_pid
start_service query-side "$QUERY_PORT" "$WORK/query-side.log"; query_pid=$started_pid
await_up command-side "$COMMAND_PORT" "$command_pid" "$t0"; command_ms=$up_ms
await_up query-side "$QUERY_PORT" "$query_pid" "$t0"; query_ms=$up_ms
fact startup.command-side.togetherMs "$command_ms"; fact startup.query-side.togetherMs "$query_ms"
say "both at once: command side UP in $command_ms ms, query side in $query_ms ms"

if [ -n "$replay_pid" ]; then
    wait "$replay_pid" || replay_failed
    replay_pid=
    replay_figures
fi

# --- 4. load ---------------------------------------------------------------------------------------------------------
# In the background and waited for, so a TERM to this script (a CI timeout) stops it at once through the trap.
java -Dbench.commandUri="http://127.0.0.1:$COMMAND_PORT" -Dbench.queryUri="http://127.0.0.1:$QUERY_PORT" \
     -Dbench.clients="$CLIENTS" -Dbench.accounts="$ACCOUNTS" -Dbench.phaseSeconds="$PHASE_SECONDS" \
     -Dbench.sampleEvery="$SAMPLE_EVERY" -Dbench.drainSeconds="$DRAIN_SECONDS" \
     -Dbench.completionWaitSeconds="$FOLLOW_SECONDS" -Dbench.runTag="b$TAG" \
     -Dbench.facts="$FACTS" -Dbench.result="$RESULT" \
     -Dbench.commandPid="$command_pid" -Dbench.queryPid="$query_pid" \
     -jar "$BENCH_JAR" &
driver_pid=$!
pids+=("$driver_pid")
wait "$driver_pid" || { say "FAILED: the load driver reported something that did not run (logs in $WORK)"; exit 1; }
say "done in $(( $(date +%s) - started_at )) s; JSON in $RESULT, logs in $WORK"
