package io.execctl.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerter for now: one log line per alert (logger {@code io.execctl.alert}, WARN for warnings
 * and critical, INFO otherwise) and a counter per code, which a metrics exporter can read.
 */
public final class LoggingAlerter implements Alerter {
    private static final Logger LOG = LoggerFactory.getLogger("io.execctl.alert");

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void raise(Alert alert) {
        counts.computeIfAbsent(alert.code(), c -> new LongAdder()).increment();
        if (alert.severity() == Alert.Severity.INFO) {
            LOG.info("alert {} {}: {}", alert.severity(), alert.code(), alert.message());
        } else {
            LOG.warn("alert {} {}: {}", alert.severity(), alert.code(), alert.message());
        }
    }

    /** How many alerts of {@code code} were raised by this alerter. */
    public long count(String code) {
        LongAdder a = counts.get(code);
        return a == null ? 0 : a.sum();
    }
}
