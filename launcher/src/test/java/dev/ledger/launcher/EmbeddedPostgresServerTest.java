package dev.ledger.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @TempDir
    Path directory;

    @Test
    void shouldKeepTheDataOfAKeptServerAcrossRestartsWithDurableCommits() throws Exception {
        Path data = directory.resolve("pg");
        int port = freePort();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.kept(data, port)) {
            assertThat(server.port()).isEqualTo(port);
            execute(server, "create table kept(x int)", "insert into kept values (7)");
        }
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.kept(data, port)) {
            assertThat(single(again, "select x from kept")).isEqualTo("7");
            assertThat(single(again, "show fsync")).isEqualTo("on");
            assertThat(single(again, "show synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void shouldDeleteTheDataOfAThrowAwayServerWhenItStops() throws Exception {
        Path data = Files.createDirectory(directory.resolve("throw-away"));
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.throwAway(data)) {
            assertThat(server.jdbcUrl("postgres")).isEqualTo("jdbc:postgresql://localhost:" + server.port()
                                                             + "/postgres");
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "")) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
        assertThat(data).doesNotExist();
    }

    private static void execute(EmbeddedPostgresServer server, String... statements) throws SQLException {
        try (Connection connection = server.postgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String single(EmbeddedPostgresServer server, String query) throws SQLException {
        try (Connection connection = server.postgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
