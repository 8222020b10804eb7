package io.execctl.kis.ws;

import io.execctl.kis.KisMetrics;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the owner's callbacks so that one that throws is logged and counted and the stream goes on:
 * a listener bug must not kill the reader thread or stop the reconnects.
 */
final class SafeListener {
    private static final Logger log = LoggerFactory.getLogger(NoticeStream.class);

    private final NoticeListener listener;
    private final KisMetrics metrics;

    SafeListener(NoticeListener listener, KisMetrics metrics) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    NoticeListener listener() {
        return listener;
    }

    /** Runs {@code r}, which calls back the owner as {@code callback}. */
    void run(String callback, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            metrics.listenerError(callback);
            log.error(
                    "notice listener {} threw {}; the stream goes on",
                    callback,
                    e.getClass().getName(),
                    e);
        }
    }
}
