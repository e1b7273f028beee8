package dev.ledger.consumer;

import com.zaxxer.hikari.HikariDataSource;
import dev.ledger.testsupport.TestDatabase;
import javax.sql.DataSource;

/**
 * A connection pool on a test database. The consumer runs a transaction per message; on a fresh connection each
 * (what {@link TestDatabase.Fresh#dataSource()} gives), connecting costs far more than the transaction itself.
 */
final class TestPool {

    private TestPool() {
    }

    static DataSource on(TestDatabase.Fresh database) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setUsername(database.username());
        pool.setPassword(database.password());
        pool.setMaximumPoolSize(4);
        Runtime.getRuntime().addShutdownHook(new Thread(pool::close));
        return pool;
    }
}
