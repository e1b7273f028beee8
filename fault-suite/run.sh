#!/usr/bin/env bash
# The fault suite: a Jepsen-style bank workload against the real processes, with faults, and a checker.
#
#   fault-suite/run.sh --quick              CI: one round of faults (each kind once), about 3 minutes
#   fault-suite/run.sh                      full: at least 10 minutes of load and 3 rounds of faults
#   fault-suite/run.sh --seed N [--quick]   the same fault schedule and client choices again
#   options: --minutes M (full run's load), --clients N (16), --accounts N (24 quick / 48 full),
#            --keep (keep the database; it is kept anyway after a violation)
#
# Starts a PostgreSQL 15 cluster of its own (initdb in a temporary directory, a free port; as root it runs as the
# user postgres, FAULTS_PG_USER to change), the authorization server, two command sides and the query side from
# their jars. Builds nothing: run `mvn -B -DskipTests package` first. Exits 0 when every invariant held, 1 on a
# violation (the report prints the seed to replay it), 2 when the run could not be carried out.
#   FAULTS_PG_BIN   /usr/lib/postgresql/15/bin   initdb, pg_ctl, postgres
#   FAULTS_JAVA_OPTS -Xmx1g                       the suite's own JVM (clients, history, checker)
#   FAULTS_SERVICE_JVM_OPTS                      appended to both services' JVM options (e.g. -Xmx1g)
# Output: fault-suite/target/runs/<time>-seed-<seed>/ (report.txt, history.txt, logs/ of every process).
set -euo pipefail
cd "$(dirname "$0")/.."

for arg in "$@"; do
    case "$arg" in -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac
done
for jar in command-side/target/command-side.jar query-side/target/query-side.jar auth-server/target/auth-server.jar \
           fault-suite/target/fault-suite.jar; do
    [ -f "$jar" ] || { echo "missing $jar: build first with  mvn -B -DskipTests package" >&2; exit 2; }
done
PG_BIN=${FAULTS_PG_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$PG_BIN/initdb" ] || { echo "no initdb in $PG_BIN (set FAULTS_PG_BIN to PostgreSQL 15's bin directory)" >&2; exit 2; }

# shellcheck disable=SC2086
exec java ${FAULTS_JAVA_OPTS:--Xmx1g} -Dfaults.repository="$PWD" -jar fault-suite/target/fault-suite.jar "$@"
