package io.execctl.engine;

import java.util.Objects;
import org.slf4j.MDC;

/**
 * The MDC keys every log line carries while it works on an intent, an order or inside a loop, so a
 * JSON log line ({@code --log-format json}) can be found by intent id, order id or loop name. One
 * place defines the key names; callers open a {@link Scope} and close it (try-with-resources), which
 * restores what was there before, so nested scopes and pooled threads stay clean.
 */
public final class LogContext {
    /** The intent being handled (a UUID). */
    public static final String INTENT_ID = "intent_id";
    /** Our order id (the client order id, never the broker's account or a secret). */
    public static final String ORDER_ID = "order_id";
    /** The daemon loop name, e.g. {@code submit}, {@code fills}, {@code holdings}. */
    public static final String LOOP = "loop";

    private LogContext() {}

    /** Sets {@link #INTENT_ID} until the scope closes. */
    public static Scope intent(Object intentId) {
        return put(INTENT_ID, String.valueOf(Objects.requireNonNull(intentId, "intentId")));
    }

    /** Sets {@link #ORDER_ID} until the scope closes. */
    public static Scope order(String orderId) {
        return put(ORDER_ID, Objects.requireNonNull(orderId, "orderId"));
    }

    /** Sets {@link #LOOP} until the scope closes. */
    public static Scope loop(String loop) {
        return put(LOOP, Objects.requireNonNull(loop, "loop"));
    }

    private static Scope put(String key, String value) {
        String previous = MDC.get(key);
        MDC.put(key, value);
        return new Scope(key, previous);
    }

    /** Restores the key's previous value (or removes it) on close. */
    public static final class Scope implements AutoCloseable {
        private final String key;
        private final String previous;

        private Scope(String key, String previous) {
            this.key = key;
            this.previous = previous;
        }

        @Override
        public void close() {
            if (previous == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, previous);
            }
        }
    }
}
