package io.execctl.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.sim.http.Faults;
import io.execctl.sim.http.Json;
import io.execctl.sim.http.NoticeBuffer;
import io.execctl.sim.http.RestConfig;
import io.execctl.sim.http.SimRestServer;
import io.execctl.sim.http.TokenRegistry;
import io.execctl.sim.http.WsControl;
import io.execctl.sim.market.FeeSchedule;
import io.execctl.sim.market.MarketConfig;
import io.execctl.sim.market.SimBroker;
import io.execctl.sim.market.SimMarket;
import io.execctl.sim.ws.NoticeFeed;
import io.execctl.sim.ws.SimWsServer;
import io.execctl.sim.ws.WsFaults;
import io.execctl.sim.ws.WsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KIS simulator, composed: the market ({@link SimMarket}), the notice WebSocket server and the
 * REST gateway, sharing one token registry (approval keys issued over REST open the WebSocket) and
 * one notice path (market → request-scoped buffer → WebSocket). Used by {@code execctl sim} and
 * in-process by tests.
 */
public final class Simulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Simulator.class);
    /** How often the session clock is moved when speed &gt; 0. */
    static final Duration TICK = Duration.ofMillis(100);

    private final SimOptions options;
    private final SimMarket market;
    private final SimWsServer ws;
    private final SimRestServer rest;
    private final TokenRegistry tokens;
    private final ScheduledExecutorService ticker;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Simulator(SimOptions o) {
        this.options = o;
        this.tokens = new TokenRegistry(o.clock(), o.appKey(), o.appSecret(), o.seed());
        NoticeBuffer notices = new NoticeBuffer(NoticeFeed.NONE);
        MarketConfig mc = MarketConfig.builder(o.env(), o.clock())
                .account(o.account())
                .htsId(o.htsId())
                .symbols(o.symbols())
                .cash(o.cash())
                .fees(new FeeSchedule(o.commissionRate(), o.sellTaxRate()))
                .seed(o.seed())
                .speed(o.speed())
                .startTime(o.sessionStart())
                .build();
        this.market = new SimMarket(mc, notices);
        this.ws = SimWsServer.start(
                new WsOptions(o.host(), o.wsPort(), o.paper(), o.htsId(), o.pingInterval(), o.layout23(), 41, o.seed()),
                tokens,
                o.clock());
        notices.setDownstream(ws);
        SimRestServer started;
        try {
            started = SimRestServer.start(
                    new RestConfig(
                            o.host(),
                            o.restPort(),
                            o.paper(),
                            o.appKey(),
                            o.appSecret(),
                            o.account(),
                            o.htsId(),
                            o.effectiveRateLimit(),
                            o.restThreads(),
                            o.seed(),
                            o.commissionRate(),
                            o.sellTaxRate()),
                    market,
                    notices,
                    tokens,
                    new WsControl() {
                        @Override
                        public void setFaults(WsFaults faults) {
                            ws.setFaults(faults);
                        }

                        @Override
                        public void dropAll() {
                            ws.dropAll();
                        }
                    },
                    o.faults(),
                    System::nanoTime);
        } catch (IOException | RuntimeException e) {
            ws.close();
            throw e instanceof IOException io
                    ? new UncheckedIOException("cannot start the REST server", io)
                    : (RuntimeException) e;
        }
        this.rest = started;
        if (o.speed() > 0) {
            this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sim-session-clock");
                t.setDaemon(true);
                return t;
            });
            market.startTicker(ticker, TICK);
        } else {
            this.ticker = null;
        }
        log.info(
                "KIS simulator ready: rest {} ws {} ({}, seed {}, speed {})",
                restUrl(),
                wsUrl(),
                o.env().key(),
                o.seed(),
                o.speed());
    }

    /** Starts market, WebSocket and REST server with these options. */
    public static Simulator start(SimOptions options) {
        return new Simulator(options);
    }

    /** {@code http://127.0.0.1:P}. */
    public String restUrl() {
        return rest.url();
    }

    /** {@code ws://127.0.0.1:Q}. */
    public String wsUrl() {
        return ws.url();
    }

    /** {@code http://127.0.0.1:P/sim}. */
    public String adminUrl() {
        return rest.url() + "/sim";
    }

    /** The one JSON line {@code execctl sim} prints when ready. */
    public String readyLine() {
        ObjectNode o = Json.object();
        o.put("rest", restUrl());
        o.put("ws", wsUrl());
        o.put("admin", adminUrl());
        return o.toString();
    }

    public SimBroker broker() {
        return market;
    }

    public SimOptions options() {
        return options;
    }

    public TokenRegistry tokens() {
        return tokens;
    }

    public SimWsServer wsServer() {
        return ws;
    }

    public Faults faults() {
        return rest.faults();
    }

    /** Replaces the faults (as POST /sim/faults). */
    public void setFaults(Faults faults) {
        rest.setFaults(faults);
    }

    /** Stops everything; safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (ticker != null) {
            ticker.shutdownNow();
        }
        rest.close();
        ws.close();
    }
}
