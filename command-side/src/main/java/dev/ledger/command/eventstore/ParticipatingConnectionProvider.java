package dev.ledger.command.eventstore;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's JDBC connections (event store, token store, saga store): the current Spring transaction's connection if
 * there is one, whose end is for whoever began that transaction to decide, as Spring's own participants leave it.
 * <p>
 * Axon wraps its provider in a {@code UnitOfWorkAwareConnectionProviderWrapper}, which commits the connection when
 * a unit of work commits and rolls it back when the unit of work rolls back. Axon's
 * {@code SpringDataSourceConnectionProvider} ignores that commit inside a Spring transaction but lets the rollback
 * through, so a command refused inside a command request's transaction (once it had read the event store) ended
 * that whole transaction on the spot: the {@code Idempotency-Key}'s advisory lock was released while the request
 * still ran, and the request's later statements ran in a new transaction PostgreSQL began on its own. Here such a
 * rollback marks the Spring transaction rollback-only instead: its owner rolls it back, or rolls back to a savepoint
 * and clears the mark; committing it regardless fails rather than commit what the unit of work undid. Outside a
 * Spring transaction a connection commits and rolls back as Axon asks.
 */
final class ParticipatingConnectionProvider implements ConnectionProvider {

    private final DataSource dataSource;

    ParticipatingConnectionProvider(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = DataSourceUtils.doGetConnection(dataSource);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                                                   (proxy, method, args) -> invoke(connection, proxy, method, args));
    }

    private Object invoke(Connection connection, Object proxy, Method method, Object[] args) throws Throwable {
        boolean noArguments = args == null || args.length == 0;
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "close":
                DataSourceUtils.releaseConnection(connection, dataSource);
                return null;
            case "commit":
                if (!DataSourceUtils.isConnectionTransactional(connection, dataSource)) {
                    connection.commit();
                }
                return null;
            case "rollback":
                if (noArguments && DataSourceUtils.isConnectionTransactional(connection, dataSource)) {
                    ((ConnectionHolder) TransactionSynchronizationManager.getResource(dataSource)).setRollbackOnly();
                    return null;
                }
                break;
            default:
                break;
        }
        try {
            return method.invoke(connection, args);
        } catch (InvocationTargetException e) {
            throw e.getTargetException();
        }
    }
}
