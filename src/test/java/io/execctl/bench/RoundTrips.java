package io.execctl.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the statements (protocol {@code Execute} messages) and round trips ({@code Sync} messages)
 * the PostgreSQL driver sends, by thread, from the driver's own FINEST protocol log: figures the
 * machine's load does not change. A batch of N statements is N executes and one sync.
 */
final class RoundTrips extends Handler {
    private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");

    private final Map<String, LongAdder> executes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> syncs = new ConcurrentHashMap<>();

    static RoundTrips install() {
        RoundTrips r = new RoundTrips();
        DRIVER.setLevel(Level.FINEST);
        DRIVER.setUseParentHandlers(false);
        DRIVER.addHandler(r);
        return r;
    }

    @Override
    public void publish(LogRecord r) {
        String m = r.getMessage();
        if (m == null) {
            return;
        }
        String thread = Thread.currentThread().getName().replaceAll("\\d+", "N");
        if (m.startsWith(" FE=> Execute")) {
            executes.computeIfAbsent(thread, k -> new LongAdder()).increment();
        } else if (m.startsWith(" FE=> Sync")) {
            syncs.computeIfAbsent(thread, k -> new LongAdder()).increment();
        }
    }

    void reset() {
        executes.clear();
        syncs.clear();
    }

    /** "statements / round trips" per thread (digits folded), the command's main thread first. */
    String report() {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(executes)
                .forEach((t, n) -> b.append(String.format(
                        "%s%s: %d statements, %d round trips",
                        b.length() == 0 ? "" : "; ",
                        t,
                        n.sum(),
                        syncs.getOrDefault(t, new LongAdder()).sum())));
        return b.toString();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
