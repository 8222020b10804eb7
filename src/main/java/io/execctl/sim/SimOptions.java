package io.execctl.sim;

import io.execctl.domain.KisEnv;
import io.execctl.sim.http.Faults;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * Every option of {@code execctl sim}, also the in-process API of tests ({@link Simulator#start}).
 * Start from {@link #defaults()} (the demo values of issue #3) and change what you need with the
 * {@code with…} methods.
 *
 * @param restPort      0 = pick a free port
 * @param wsPort        0 = pick a free port
 * @param symbols       {@code 005930:72000,000660:180000} or a count
 * @param cash          initial deposit, whole won
 * @param speed         session seconds per wall second; 0 = frozen (tests advance explicitly)
 * @param rateLimit     REST calls per second per app key; {@code null} = KIS default (20 real, 2 paper); 0 = off
 * @param faults        initial faults ({@code --faults FILE})
 * @param clock         wall clock of token lifetimes and the start date (tests pass a mutable one)
 * @param pingInterval  WebSocket PINGPONG interval
 * @param noticeLayout  fields per execution-notice record: 23 or 26, or 0 for the environment's own (paper 23,
 *                      real 26, as KIS sends them)
 * @param restThreads   HTTP worker threads
 * @param sessionStart  session time (Korea) at start: 09:00:00 by default; the chaos day and the demo start it
 *                      at the wall clock's Korea time, so that ORD_TMD and fill times are real times and a
 *                      client can match orders to its sends with the production order-time skew
 */
public record SimOptions(
        String host,
        int restPort,
        int wsPort,
        KisEnv env,
        long seed,
        String symbols,
        long cash,
        String appKey,
        String appSecret,
        String account,
        String htsId,
        Faults faults,
        double speed,
        Double rateLimit,
        BigDecimal commissionRate,
        BigDecimal sellTaxRate,
        Clock clock,
        Duration pingInterval,
        int noticeLayout,
        int restThreads,
        LocalTime sessionStart) {

    public static final String DEMO_APP_KEY = "DEMO-APPKEY-000000000000000000000000";
    public static final String DEMO_APP_SECRET = "DEMO-APPSECRET-" + "x".repeat(180 - 15);
    public static final String DEMO_ACCOUNT = "50000001-01";
    public static final String DEMO_HTS_ID = "demo";
    public static final String DEMO_SYMBOLS = "005930:72000,000660:180000,035420:210000,051910:390000,068270:175000";

    public SimOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(symbols, "symbols");
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(htsId, "htsId");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(commissionRate, "commissionRate");
        Objects.requireNonNull(sellTaxRate, "sellTaxRate");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(sessionStart, "sessionStart");
        port("restPort", restPort);
        port("wsPort", wsPort);
        if (cash < 0) {
            throw new IllegalArgumentException("cash must be >= 0");
        }
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be >= 0, was " + speed);
        }
        if (rateLimit != null && !(rateLimit >= 0)) {
            throw new IllegalArgumentException("rate limit must be >= 0, was " + rateLimit);
        }
        if (!account.matches("\\d{8}-\\d{2}")) {
            throw new IllegalArgumentException("account must look like 50000001-01");
        }
        if (appKey.isBlank() || appSecret.isBlank() || htsId.isBlank()) {
            throw new IllegalArgumentException("app key, app secret and HTS id must not be blank");
        }
        if (noticeLayout != 0 && noticeLayout != 23 && noticeLayout != 26) {
            throw new IllegalArgumentException("notice layout must be 23 or 26, was " + noticeLayout);
        }
        if (restThreads < 1) {
            throw new IllegalArgumentException("restThreads must be >= 1");
        }
    }

    /** The demo defaults: real environment, free ports, seed 1, speed 1, KIS rate limits, no faults. */
    public static SimOptions defaults() {
        return new SimOptions(
                "127.0.0.1",
                0,
                0,
                KisEnv.REAL,
                1L,
                DEMO_SYMBOLS,
                100_000_000L,
                DEMO_APP_KEY,
                DEMO_APP_SECRET,
                DEMO_ACCOUNT,
                DEMO_HTS_ID,
                Faults.NONE,
                1.0,
                null,
                new BigDecimal("0.00015"),
                new BigDecimal("0.0018"),
                Clock.systemUTC(),
                Duration.ofSeconds(10),
                0,
                16,
                LocalTime.of(9, 0));
    }

    /** The effective REST rate limit. */
    public double effectiveRateLimit() {
        return rateLimit != null ? rateLimit : (env == KisEnv.PAPER ? 2 : 20);
    }

    public boolean paper() {
        return env == KisEnv.PAPER;
    }

    public SimOptions withPorts(int rest, int ws) {
        Copy c = new Copy(this);
        c.restPort = rest;
        c.wsPort = ws;
        return c.build();
    }

    public SimOptions withEnv(KisEnv v) {
        Copy c = new Copy(this);
        c.env = v;
        return c.build();
    }

    public SimOptions withSeed(long v) {
        Copy c = new Copy(this);
        c.seed = v;
        return c.build();
    }

    public SimOptions withSymbols(String v) {
        Copy c = new Copy(this);
        c.symbols = v;
        return c.build();
    }

    public SimOptions withCash(long v) {
        Copy c = new Copy(this);
        c.cash = v;
        return c.build();
    }

    public SimOptions withCredentials(String key, String secret, String acct, String hts) {
        Copy c = new Copy(this);
        c.appKey = key;
        c.appSecret = secret;
        c.account = acct;
        c.htsId = hts;
        return c.build();
    }

    public SimOptions withFaults(Faults v) {
        Copy c = new Copy(this);
        c.faults = v;
        return c.build();
    }

    public SimOptions withSpeed(double v) {
        Copy c = new Copy(this);
        c.speed = v;
        return c.build();
    }

    public SimOptions withRateLimit(Double v) {
        Copy c = new Copy(this);
        c.rateLimit = v;
        return c.build();
    }

    public SimOptions withRates(BigDecimal commission, BigDecimal tax) {
        Copy c = new Copy(this);
        c.commissionRate = commission;
        c.sellTaxRate = tax;
        return c.build();
    }

    public SimOptions withSessionStart(LocalTime v) {
        Copy c = new Copy(this);
        c.sessionStart = Objects.requireNonNull(v, "sessionStart");
        return c.build();
    }

    public SimOptions withClock(Clock v) {
        Copy c = new Copy(this);
        c.clock = v;
        return c.build();
    }

    public SimOptions withPingInterval(Duration v) {
        Copy c = new Copy(this);
        c.pingInterval = v;
        return c.build();
    }

    /** Whether notices go out in the 23-field layout (paper's by default, or as set). */
    public boolean layout23() {
        return noticeLayout == 0 ? paper() : noticeLayout == 23;
    }

    /** The 23-field (true) or 26-field (false) notice layout, whatever the environment. */
    public SimOptions withLayout23(boolean v) {
        return withNoticeLayout(v ? 23 : 26);
    }

    /** 23 or 26 fields per notice record; 0 = the environment's own (paper 23, real 26). */
    public SimOptions withNoticeLayout(int v) {
        Copy c = new Copy(this);
        c.noticeLayout = v;
        return c.build();
    }

    @Override
    public String toString() {
        return "SimOptions[env=" + env.key() + ", rest=" + host + ":" + restPort + ", ws=" + wsPort + ", seed=" + seed
                + ", symbols=" + symbols + ", cash=" + cash + ", speed=" + speed + ", rateLimit=" + effectiveRateLimit()
                + "]";
    }

    private static void port(String name, int p) {
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException(name + " must be 0..65535, was " + p);
        }
    }

    /** A mutable copy for the {@code with…} methods. */
    private static final class Copy {
        String host;
        int restPort;
        int wsPort;
        KisEnv env;
        long seed;
        String symbols;
        long cash;
        String appKey;
        String appSecret;
        String account;
        String htsId;
        Faults faults;
        double speed;
        Double rateLimit;
        BigDecimal commissionRate;
        BigDecimal sellTaxRate;
        Clock clock;
        Duration pingInterval;
        int noticeLayout;
        int restThreads;
        LocalTime sessionStart;

        Copy(SimOptions o) {
            host = o.host;
            restPort = o.restPort;
            wsPort = o.wsPort;
            env = o.env;
            seed = o.seed;
            symbols = o.symbols;
            cash = o.cash;
            appKey = o.appKey;
            appSecret = o.appSecret;
            account = o.account;
            htsId = o.htsId;
            faults = o.faults;
            speed = o.speed;
            rateLimit = o.rateLimit;
            commissionRate = o.commissionRate;
            sellTaxRate = o.sellTaxRate;
            clock = o.clock;
            pingInterval = o.pingInterval;
            noticeLayout = o.noticeLayout;
            restThreads = o.restThreads;
            sessionStart = o.sessionStart;
        }

        SimOptions build() {
            return new SimOptions(
                    host,
                    restPort,
                    wsPort,
                    env,
                    seed,
                    symbols,
                    cash,
                    appKey,
                    appSecret,
                    account,
                    htsId,
                    faults,
                    speed,
                    rateLimit,
                    commissionRate,
                    sellTaxRate,
                    clock,
                    pingInterval,
                    noticeLayout,
                    restThreads,
                    sessionStart);
        }
    }
}
