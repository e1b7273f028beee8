#!/usr/bin/env bash
# Run mode 1: build, then start the authorization server (:9000), an embedded PostgreSQL (unless LEDGER_DB_URL is
# set) and both services.
# Data is kept in .ledger-data/ across restarts. Ctrl-C stops everything this started.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -DskipTests package
exec java -jar local-runner/target/local-runner.jar
