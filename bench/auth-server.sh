# Sourced by run.sh and replay-benchmark.sh. Every endpoint of the ledger needs a bearer token, so the benchmark
# starts the ledger's own authorization server (auth-server.jar) with one client of its own, ledger-bench, holding
# the roles the driver plays: holder (opens accounts, pays out of them), treasury (funds them), operator (replays)
# and auditor (reads everything, the processors too). Its token lives long enough for the longest run.
start_auth_server() { # port workdir -> pid in $auth_pid; exports LEDGER_TOKEN and LEDGER_AUTH_ISSUER_URI
    launch_auth_server "$@" && await_auth_token "$@"
}

# The two halves, for a caller that has other work to do while the server starts.
launch_auth_server() { # port workdir -> pid in $auth_pid
    local port=$1 dir=$2
    [ -f auth-server/target/auth-server.jar ] \
        || { echo "missing auth-server/target/auth-server.jar: build first with  mvn -B -DskipTests package" >&2; return 1; }
    mkdir -p "$dir"
    LEDGER_AUTH_ISSUER_URI="http://127.0.0.1:$port"
    LEDGER_DATA_DIR="$dir" java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
        -jar auth-server/target/auth-server.jar --server.port="$port" \
        --ledger.auth-server.issuer="$LEDGER_AUTH_ISSUER_URI" --ledger.auth-server.token-ttl=12h \
        --ledger.auth-server.clients.ledger-bench.secret=bench-secret \
        --ledger.auth-server.clients.ledger-bench.scopes=ledger.holder,ledger.treasury,ledger.operator,ledger.auditor \
        > "$dir/auth-server.log" 2>&1 &
    auth_pid=$!
}

await_auth_token() { # port workdir; exports LEDGER_TOKEN and LEDGER_AUTH_ISSUER_URI
    local port=$1 dir=$2 deadline=$(( $(date +%s) + 120 ))
    LEDGER_AUTH_ISSUER_URI="http://127.0.0.1:$port"
    until curl -fs "http://127.0.0.1:$port/actuator/health" > /dev/null 2>&1; do
        kill -0 "$auth_pid" 2> /dev/null \
            || { echo "the authorization server did not start, see $dir/auth-server.log" >&2; return 1; }
        [ "$(date +%s)" -lt "$deadline" ] || { echo "the authorization server is not up after 120 s" >&2; return 1; }
        sleep 0.2
    done
    LEDGER_TOKEN=$(curl -fs -u ledger-bench:bench-secret -d grant_type=client_credentials \
                       "$LEDGER_AUTH_ISSUER_URI/oauth2/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
    [ -n "$LEDGER_TOKEN" ] || { echo "no token from the authorization server" >&2; return 1; }
    export LEDGER_TOKEN LEDGER_AUTH_ISSUER_URI
}
