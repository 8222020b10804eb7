package io.execctl.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that remembers every connection it handed out until that connection is
 * closed, and where it was opened. {@link DatabaseExtension} uses it to fail a test that leaves a
 * Jdbi handle (and so its connection) open: the count is exact, with no waiting for the server to
 * notice a closed socket.
 */
final class TrackingDataSource implements DataSource {
    private final DataSource target;
    // Identity, not equals: a proxy's equals is forwarded to the real connection.
    private final Map<Connection, Throwable> open = Collections.synchronizedMap(new IdentityHashMap<>());

    TrackingDataSource(DataSource target) {
        this.target = target;
    }

    /** Connections handed out and not yet closed. */
    int openCount() {
        return open.size();
    }

    /** Where each open connection was obtained (the stack of the caller), for the failure message. */
    List<Throwable> openedAt() {
        synchronized (open) {
            return new ArrayList<>(open.values());
        }
    }

    /** Closes every connection still open (after a leak is reported, so the next test starts clean). */
    void closeAll() {
        List<Connection> leaked;
        synchronized (open) {
            leaked = new ArrayList<>(open.keySet());
        }
        for (Connection c : leaked) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a leaked connection: best effort
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return track(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return track(target.getConnection(username, password));
    }

    private Connection track(Connection real) {
        Connection[] self = new Connection[1];
        InvocationHandler h = (proxy, method, args) -> {
            if (isClose(method)) {
                open.remove(self[0]);
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        self[0] = (Connection)
                Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
        open.put(self[0], new Throwable("connection opened here and never closed"));
        return self[0];
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(target) ? iface.cast(target) : target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(target) || target.isWrapperFor(iface);
    }

    private static boolean isClose(Method m) {
        return m.getName().equals("close") && m.getParameterCount() == 0;
    }
}
