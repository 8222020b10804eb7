package io.execctl.engine.submit;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the submitter reports what an operator must look at (credentials refused, sends that failed,
 * outcomes that stay unknown). Kept small and local to submission so it can be bridged to the
 * engine-wide alerting (webhook) later without the submitter changing. Messages must hold no secrets.
 */
public interface SubmitAlerts {

    /**
     * @param code    stable, for counting and routing (e.g. {@code SUBMIT_REFUSED})
     * @param message for people; no secrets, no account numbers
     */
    void raise(String code, String message);

    /** A log line at WARN per alert and a counter per code. */
    static Logging logging() {
        return new Logging();
    }

    /** The default: log and count. */
    final class Logging implements SubmitAlerts {
        private static final Logger log = LoggerFactory.getLogger(SubmitAlerts.class);
        private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

        @Override
        public void raise(String code, String message) {
            Objects.requireNonNull(code, "code");
            counts.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
            log.warn("ALERT {}: {}", code, message);
        }

        /** How many alerts of {@code code} were raised. */
        public long count(String code) {
            AtomicLong n = counts.get(code);
            return n == null ? 0 : n.get();
        }
    }
}
