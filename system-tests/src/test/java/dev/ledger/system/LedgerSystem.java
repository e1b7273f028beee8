package dev.ledger.system;

import dev.ledger.testsupport.TestDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The whole ledger for one test class: a fresh database, the command side, then the query side (which reads the
 * event store the command side migrates), each a real process.
 */
final class LedgerSystem implements AutoCloseable {

    final TestDatabase.Fresh database;
    private final Map<String, String> env;
    private ServiceProcess commandSide;
    private ServiceProcess querySide;
    private final LedgerClient client = new LedgerClient();

    private LedgerSystem(TestDatabase.Fresh database, Map<String, String> env) {
        this.database = database;
        this.env = env;
    }

    /** Starts both services with the given extra environment (e.g. shorter timeouts). */
    static LedgerSystem start(Map<String, String> extraEnv) throws IOException {
        TestDatabase.Fresh database = TestDatabase.shared().newDatabase();
        Map<String, String> env = new HashMap<>(extraEnv);
        env.putAll(IdentityProvider.shared().serviceEnv());
        env.put("LEDGER_DB_URL", database.jdbcUrl());
        env.put("LEDGER_DB_USER", database.username());
        env.put("LEDGER_DB_PASSWORD", database.password() == null ? "" : database.password());
        LedgerSystem system = new LedgerSystem(database, Map.copyOf(env));
        system.commandSide = ServiceProcess.start("command-side", "ledger.command.jar", system.env);
        system.querySide = ServiceProcess.start("query-side", "ledger.query.jar", system.env);
        return system;
    }

    LedgerClient.Answer command(String path, String body) {
        return command(path, body, Map.of());
    }

    LedgerClient.Answer command(String path, String body, Map<String, String> headers) {
        return client.post(commandSide.uri(path), body, headers);
    }

    /** A POST without the automatic idempotency key (for tests of the key itself). */
    LedgerClient.Answer commandRaw(String path, String body, Map<String, String> headers) {
        return client.postRaw(commandSide.uri(path), body, headers);
    }

    /** A second command-side process on the same database, as when the service is scaled out. */
    ServiceProcess startAnotherCommandSide() throws IOException {
        return ServiceProcess.start("command-side-2", "ledger.command.jar", env);
    }

    LedgerClient client() {
        return client;
    }

    java.net.URI commandUri(String path) {
        return commandSide.uri(path);
    }

    LedgerClient.Answer query(String path) {
        return query(path, Map.of());
    }

    LedgerClient.Answer query(String path, Map<String, String> headers) {
        return client.get(querySide.uri(path), headers);
    }

    /** kill -9 of the command side, then a fresh start on the same port and database. */
    void crashAndRestartCommandSide() throws IOException, InterruptedException {
        int port = commandSide.port();
        commandSide.kill();
        commandSide = ServiceProcess.start("command-side", "ledger.command.jar", env, port);
    }

    void killCommandSide() throws InterruptedException {
        commandSide.kill();
    }

    void startCommandSide(int port) throws IOException {
        commandSide = ServiceProcess.start("command-side", "ledger.command.jar", env, port);
    }

    int commandPort() {
        return commandSide.port();
    }

    int queryPort() {
        return querySide.port();
    }

    long single(String sql, Object... parameters) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Both services at once: each may be writing its class data archive on the way out. */
    @Override
    public void close() {
        List<ServiceProcess> running = Stream.of(querySide, commandSide).filter(Objects::nonNull).toList();
        running.forEach(ServiceProcess::askToStop);
        running.forEach(ServiceProcess::awaitStop);
    }
}
