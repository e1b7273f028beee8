package dev.ledger.runner;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Database settings handed to both services.
 *
 * @param location what the banner shows as "Data"
 */
record DatabaseSettings(String url, String user, String password, String location) {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSettings.class);

    /** Whether env {@code LEDGER_DB_URL} names a database to use as is, instead of the embedded one. */
    static boolean configured(Map<String, String> env) {
        return env.get("LEDGER_DB_URL") != null;
    }

    /** The database of env {@code LEDGER_DB_URL}, with {@code LEDGER_DB_USER} / {@code LEDGER_DB_PASSWORD}. */
    static DatabaseSettings external(Map<String, String> env) {
        String url = env.get("LEDGER_DB_URL");
        LOG.info("Using the database from LEDGER_DB_URL: {}", url);
        return new DatabaseSettings(url, env.get("LEDGER_DB_USER"), env.get("LEDGER_DB_PASSWORD"), url);
    }
}
