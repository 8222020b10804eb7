package io.execctl.kis.ws;

import io.execctl.kis.KisMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts what the stream reports. */
final class CountingMetrics implements KisMetrics {
    final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    int get(String key) {
        AtomicInteger n = counts.get(key);
        return n == null ? 0 : n.get();
    }

    int frames(FrameOutcome o) {
        return get("frame." + o.label());
    }

    private void inc(String key) {
        counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void wsFrame(String outcome) {
        inc("frame." + outcome);
    }

    @Override
    public void wsControl(String msgCd) {
        inc("control." + msgCd);
    }

    @Override
    public void wsReconnect() {
        inc("reconnect");
    }

    @Override
    public void wsGap() {
        inc("gap");
    }

    @Override
    public void listenerError(String callback) {
        inc("listenerError." + callback);
    }
}
