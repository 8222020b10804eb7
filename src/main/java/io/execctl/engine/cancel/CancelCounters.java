package io.execctl.engine.cancel;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What cancelling counts, for metrics (the lead bridges it to Prometheus): cancel POSTs by answer
 * class, and kill-switch runs by result.
 */
public interface CancelCounters {
    void cancelSent(CancelAnswer.Kind answer);

    void killSwitchRun(boolean allClosed);

    CancelCounters NONE = new CancelCounters() {
        @Override
        public void cancelSent(CancelAnswer.Kind answer) {}

        @Override
        public void killSwitchRun(boolean allClosed) {}
    };

    /** Counts in memory. */
    final class InMemory implements CancelCounters {
        private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

        @Override
        public void cancelSent(CancelAnswer.Kind answer) {
            bump("cancel_" + answer.name().toLowerCase(Locale.ROOT));
        }

        @Override
        public void killSwitchRun(boolean allClosed) {
            bump(allClosed ? "kill_switch_closed" : "kill_switch_incomplete");
        }

        private void bump(String name) {
            counts.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
        }

        public long get(String name) {
            AtomicLong v = counts.get(name);
            return v == null ? 0 : v.get();
        }
    }
}
