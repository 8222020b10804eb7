package io.execctl.sim.market;

import io.execctl.domain.KisEnv;
import io.execctl.domain.KoreaTime;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;

/**
 * Everything that shapes one simulated account and market. Two markets built from equal configs and
 * driven by the same calls give identical results (the wall clock is only read by the optional
 * ticker, never by a decision).
 *
 * @param env            real or paper: message codes, accepted ORD_DVSN codes, default branch
 * @param account        {@code 50000001-01}
 * @param htsId          the HTS id notices are addressed to ({@code CUST_ID})
 * @param branch         KRX_FWDG_ORD_ORGNO ({@code 06590} real, {@code 00950} paper)
 * @param accountName    ACNT_NAME in notices
 * @param symbols        listed symbols with names and start prices (previous closes)
 * @param cash           initial deposit (whole won)
 * @param fees           commission and sell tax rates
 * @param seed           seed of the price paths, step volumes and market-order splits
 * @param startDate      first trading date (Korea)
 * @param startTime      session time at start (default 09:00:00)
 * @param speed          session seconds per wall second for {@link SimMarket#startTicker}; 0 = frozen
 * @param wallClock      read only by the ticker (speed &gt; 0) and for the default start date
 * @param autoClose      close at 15:30 and open at 09:00 session time; false = open at any hour
 * @param stepInterval   session time between two price/matching steps
 * @param maxStepVolume  upper bound of the seeded shares a step offers to resting limit orders, per side
 * @param moveProbability chance that a step moves the price (by one tick, sometimes two)
 * @param followWallDate  the trading date follows the Korean date of {@code wallClock}: when the wall
 *                        clock passes midnight in Korea, the next operation starts the new trading day
 *                        (as the real broker's date does). On by default when no start date is given;
 *                        a test that sets a start date moves the session itself (or moves both clocks)
 */
public record MarketConfig(
        KisEnv env,
        String account,
        String htsId,
        String branch,
        String accountName,
        List<SymbolSpec> symbols,
        long cash,
        FeeSchedule fees,
        long seed,
        LocalDate startDate,
        LocalTime startTime,
        double speed,
        Clock wallClock,
        boolean autoClose,
        Duration stepInterval,
        int maxStepVolume,
        double moveProbability,
        boolean followWallDate) {

    public static final String DEMO_ACCOUNT = "50000001-01";
    public static final String DEMO_HTS_ID = "demo";
    public static final String REAL_BRANCH = "06590";
    public static final String PAPER_BRANCH = "00950";
    public static final long DEMO_CASH = 100_000_000L;
    public static final LocalTime OPEN_TIME = LocalTime.of(9, 0);
    public static final LocalTime CLOSE_TIME = LocalTime.of(15, 30);

    public MarketConfig {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(account, "account");
        if (!account.matches("\\d{8}-\\d{2}")) {
            throw new IllegalArgumentException("account must look like 12345678-01");
        }
        Objects.requireNonNull(htsId, "htsId");
        if (htsId.isBlank()) {
            throw new IllegalArgumentException("htsId must not be blank");
        }
        Objects.requireNonNull(branch, "branch");
        if (!branch.matches("\\d{5}")) {
            throw new IllegalArgumentException("branch must have 5 digits, was '" + branch + "'");
        }
        Objects.requireNonNull(accountName, "accountName");
        if (htsId.matches(".*[\\^|].*") || accountName.matches(".*[\\^|].*")) {
            throw new IllegalArgumentException("htsId and accountName must not contain '^' or '|' (notice separators)");
        }
        symbols = List.copyOf(Objects.requireNonNull(symbols, "symbols"));
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("at least one symbol must be listed");
        }
        if (symbols.stream().map(SymbolSpec::code).distinct().count() != symbols.size()) {
            throw new IllegalArgumentException("a symbol code is listed twice");
        }
        if (cash < 0) {
            throw new IllegalArgumentException("cash must be >= 0, was " + cash);
        }
        Objects.requireNonNull(fees, "fees");
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(startTime, "startTime");
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be >= 0, was " + speed);
        }
        Objects.requireNonNull(wallClock, "wallClock");
        Objects.requireNonNull(stepInterval, "stepInterval");
        if (stepInterval.isNegative() || stepInterval.isZero() || stepInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("stepInterval must be within (0, 1h], was " + stepInterval);
        }
        if (Duration.ofDays(1).toNanos() % stepInterval.toNanos() != 0) {
            throw new IllegalArgumentException("stepInterval must divide a day evenly, was " + stepInterval);
        }
        if (maxStepVolume < 0) {
            throw new IllegalArgumentException("maxStepVolume must be >= 0, was " + maxStepVolume);
        }
        if (!(moveProbability >= 0 && moveProbability <= 1)) {
            throw new IllegalArgumentException("moveProbability must be within 0..1, was " + moveProbability);
        }
    }

    /** The demo configuration of issue #3 for an environment; the start date is today in Korea per {@code wallClock}. */
    public static MarketConfig defaults(KisEnv env, Clock wallClock) {
        return builder(env, wallClock).build();
    }

    public static Builder builder(KisEnv env, Clock wallClock) {
        return new Builder(env, wallClock);
    }

    public boolean paper() {
        return env == KisEnv.PAPER;
    }

    /** A copy with another seed. */
    public MarketConfig withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(env, wallClock);
        b.account = account;
        b.htsId = htsId;
        b.branch = branch;
        b.accountName = accountName;
        b.symbols = symbols;
        b.cash = cash;
        b.fees = fees;
        b.seed = seed;
        b.startDate = startDate;
        b.startTime = startTime;
        b.speed = speed;
        b.autoClose = autoClose;
        b.stepInterval = stepInterval;
        b.maxStepVolume = maxStepVolume;
        b.moveProbability = moveProbability;
        b.followWallDate = followWallDate;
        return b;
    }

    /** Builds a {@link MarketConfig} starting from the demo defaults. */
    public static final class Builder {
        private final KisEnv env;
        private final Clock wallClock;
        private String account = DEMO_ACCOUNT;
        private String htsId = DEMO_HTS_ID;
        private String branch;
        private String accountName = "데모계좌";
        private List<SymbolSpec> symbols = SymbolSpec.DEMO;
        private long cash = DEMO_CASH;
        private FeeSchedule fees = FeeSchedule.DEFAULT;
        private long seed = 1L;
        private LocalDate startDate;
        private Boolean followWallDate;
        private LocalTime startTime = OPEN_TIME;
        private double speed = 1.0;
        private boolean autoClose;
        private Duration stepInterval = Duration.ofSeconds(1);
        private int maxStepVolume = 200;
        private double moveProbability = 0.05;

        private Builder(KisEnv env, Clock wallClock) {
            this.env = Objects.requireNonNull(env, "env");
            this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        }

        public Builder account(String v) {
            this.account = v;
            return this;
        }

        public Builder htsId(String v) {
            this.htsId = v;
            return this;
        }

        public Builder branch(String v) {
            this.branch = v;
            return this;
        }

        public Builder accountName(String v) {
            this.accountName = v;
            return this;
        }

        public Builder symbols(List<SymbolSpec> v) {
            this.symbols = v;
            return this;
        }

        public Builder symbols(String spec) {
            this.symbols = SymbolSpec.parseList(spec);
            return this;
        }

        public Builder cash(long v) {
            this.cash = v;
            return this;
        }

        public Builder fees(FeeSchedule v) {
            this.fees = v;
            return this;
        }

        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        /** Whether the trading date follows the wall clock's Korean date (default: when no start date is set). */
        public Builder followWallDate(boolean v) {
            this.followWallDate = v;
            return this;
        }

        public Builder startDate(LocalDate v) {
            this.startDate = v;
            return this;
        }

        public Builder startTime(LocalTime v) {
            this.startTime = v;
            return this;
        }

        public Builder speed(double v) {
            this.speed = v;
            return this;
        }

        public Builder autoClose(boolean v) {
            this.autoClose = v;
            return this;
        }

        public Builder stepInterval(Duration v) {
            this.stepInterval = v;
            return this;
        }

        public Builder maxStepVolume(int v) {
            this.maxStepVolume = v;
            return this;
        }

        public Builder moveProbability(double v) {
            this.moveProbability = v;
            return this;
        }

        public MarketConfig build() {
            String br = branch != null ? branch : (env == KisEnv.PAPER ? PAPER_BRANCH : REAL_BRANCH);
            LocalDate date = startDate != null ? startDate : KoreaTime.tradingDate(wallClock.instant());
            return new MarketConfig(
                    env,
                    account,
                    htsId,
                    br,
                    accountName,
                    symbols,
                    cash,
                    fees,
                    seed,
                    date,
                    startTime,
                    speed,
                    wallClock,
                    autoClose,
                    stepInterval,
                    maxStepVolume,
                    moveProbability,
                    followWallDate != null ? followWallDate : startDate == null);
        }
    }
}
