package dev.ledger.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What one benchmark run does, as bench/run.sh passes it (system properties {@code bench.*}); each default is here
 * and only here, so the script's usage comment and this record are the two places to read.
 *
 * @param commandUri      base URI of the command side
 * @param queryUri        base URI of the query side
 * @param clients         concurrent clients of the closed-loop phases (pgbench runs with the same count)
 * @param accounts        accounts opened and funded before the load
 * @param phase           how long each load phase runs
 * @param sampleEvery     every n-th accepted transfer is followed until the query side shows it finished
 * @param completionWait  how long a followed transfer may take to finish before it counts as not completed
 * @param drainWait       after a phase, how long to wait for projections and followed transfers to catch up
 * @param bearerToken     sent as {@code Authorization: Bearer}: every endpoint needs one (bench/run.sh fetches it)
 * @param runTag          prefix of every id this run creates, so runs never collide
 * @param factsFile       figures the script measured itself (pgbench, start-up, replay), key=value lines
 * @param resultFile      where the JSON report goes
 * @param commandPid      process id of the command side, for CPU and memory (0: unknown)
 * @param queryPid        process id of the query side
 */
record BenchSettings(URI commandUri, URI queryUri, int clients, int accounts, Duration phase, int sampleEvery,
                     Duration completionWait, Duration drainWait, String bearerToken, String runTag,
                     Path factsFile, Path resultFile, long commandPid, long queryPid) {

    static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                URI.create(text("bench.commandUri", "http://127.0.0.1:18180")),
                URI.create(text("bench.queryUri", "http://127.0.0.1:18181")),
                number("bench.clients", 8),
                number("bench.accounts", 1000),
                Duration.ofSeconds(number("bench.phaseSeconds", 30)),
                number("bench.sampleEvery", 10),
                Duration.ofSeconds(number("bench.completionWaitSeconds", 60)),
                Duration.ofSeconds(number("bench.drainSeconds", 60)),
                System.getenv("LEDGER_TOKEN"),
                text("bench.runTag", "b" + Long.toString(System.currentTimeMillis() / 1000, 36)),
                Path.of(text("bench.facts", "bench-facts.properties")),
                Path.of(text("bench.result", "bench-result.json")),
                number("bench.commandPid", 0),
                number("bench.queryPid", 0));
    }

    private static String text(String key, String fallback) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int number(String key, int fallback) {
        return Integer.parseInt(text(key, Integer.toString(fallback)));
    }
}
