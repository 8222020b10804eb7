package io.execctl.sim.http;

import io.execctl.sim.ws.ExecutionNotice;
import io.execctl.sim.ws.NoticeFeed;
import io.execctl.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The REST server over the broker double, with a mutable wall clock and a hand-driven rate-limiter clock. */
final class RestFixture implements AutoCloseable {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T00:00:00Z"));
    final AtomicLong nanos = new AtomicLong();
    final List<ExecutionNotice> published = new CopyOnWriteArrayList<>();
    volatile NoticeFeed tap = published::add;
    final NoticeBuffer notices = new NoticeBuffer(n -> tap.publish(n));
    final FakeBroker broker;
    final TokenRegistry tokens;
    final SimRestServer server;

    RestFixture(boolean paper, double rate) {
        this(paper, rate, Faults.NONE);
    }

    RestFixture(boolean paper, double rate, Faults faults) {
        broker = new FakeBroker(notices, paper);
        RestConfig cfg = new RestConfig(
                "127.0.0.1",
                0,
                paper,
                RawKis.KEY,
                RawKis.SECRET,
                "50000001-01",
                "demo",
                rate,
                8,
                1L,
                new BigDecimal("0.00015"),
                new BigDecimal("0.0018"));
        tokens = new TokenRegistry(clock, RawKis.KEY, RawKis.SECRET, 1L);
        try {
            server = SimRestServer.start(cfg, broker, notices, tokens, WsControl.NONE, faults, nanos::get);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RawKis client() {
        return new RawKis(server.url());
    }

    @Override
    public void close() {
        server.close();
    }
}
