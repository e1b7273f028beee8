package dev.ledger.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

/**
 * Proves {@link TestDatabase} hands out a working, private database in whichever mode it picked on this machine.
 * Run with {@code -DLEDGER_TEST_DB=docker|local|embedded} to check one mode specifically.
 */
class TestDatabaseTest {

    @Test
    void sharedDatabaseIsARealWritablePostgres() throws SQLException {
        TestDatabase database = TestDatabase.shared();

        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create table t(x int)");
            statement.execute("insert into t(x) values (42)");
            try (ResultSet rows = statement.executeQuery("select x from t")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void sharedInstanceIsCreatedOncePerJvm() {
        assertThat(TestDatabase.shared()).isSameAs(TestDatabase.shared());
    }

    @Test
    void databaseNamesCarryThePrefixSoLeftoversAreRecognisable() throws SQLException {
        TestDatabase database = TestDatabase.shared();

        assertThat(database.databaseName()).startsWith("ledger_test_").hasSize("ledger_test_".length() + 10);
        assertThat(database.jdbcUrl()).contains("/" + database.databaseName());
        assertThat(currentDatabase(database.dataSource())).isEqualTo(database.databaseName());
    }

    @Test
    void everyNewDatabaseIsADifferentEmptyDatabase() throws SQLException {
        TestDatabase.Fresh first = TestDatabase.shared().newDatabase();
        TestDatabase.Fresh second = TestDatabase.shared().newDatabase();

        assertThat(first.databaseName()).startsWith("ledger_test_").isNotEqualTo(second.databaseName());
        assertThat(first.databaseName()).isNotEqualTo(TestDatabase.shared().databaseName());
        assertThat(currentDatabase(first.dataSource())).isEqualTo(first.databaseName());
        assertThat(currentDatabase(second.dataSource())).isEqualTo(second.databaseName());
    }

    @Test
    void jdbcUrlKeepsHostPortAndParametersWhenSwappingTheDatabase() {
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://localhost:1234/test?loggerLevel=OFF", "x"))
                .isEqualTo("jdbc:postgresql://localhost:1234/x?loggerLevel=OFF");
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres", "x"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/x");
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://db", "x")).isEqualTo("jdbc:postgresql://db/x");
    }

    private static String currentDatabase(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select current_database()")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
