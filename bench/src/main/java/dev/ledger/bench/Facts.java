package dev.ledger.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Figures bench/run.sh measured itself before the load (pgbench, start-up times, replay), as key=value lines. A
 * figure that was not measured (replay skipped, pgbench failed to parse) is simply absent.
 */
final class Facts {

    static final String PGBENCH_TPS = "pgbench.tps";
    static final String PGBENCH_LATENCY_MS = "pgbench.latencyAvgMs";

    private final Map<String, String> values = new TreeMap<>();

    static Facts load(Path file) {
        Facts facts = new Facts();
        if (Files.isReadable(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
            properties.stringPropertyNames().forEach(key -> facts.values.put(key, properties.getProperty(key).trim()));
        }
        return facts;
    }

    /** The figure as a number, or null when it is absent or not a number. */
    Double number(String key) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    String text(String key) {
        return values.get(key);
    }

    Map<String, String> all() {
        return new TreeMap<>(values);
    }
}
