package io.execctl.kis.ws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts what the stream reports. */
final class CountingMetrics implements NoticeMetrics {
    final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    int get(String key) {
        AtomicInteger n = counts.get(key);
        return n == null ? 0 : n.get();
    }

    int frames(FrameOutcome o) {
        return get("frame." + o);
    }

    private void inc(String key) {
        counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void frame(FrameOutcome outcome) {
        inc("frame." + outcome);
    }

    @Override
    public void control(String msgCd) {
        inc("control." + msgCd);
    }

    @Override
    public void reconnectScheduled() {
        inc("reconnect");
    }

    @Override
    public void gap() {
        inc("gap");
    }

    @Override
    public void listenerError(String callback) {
        inc("listenerError." + callback);
    }
}
