package io.execctl.config;

import io.execctl.domain.AccountNo;
import io.execctl.domain.Secret;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole configuration, parsed once and immutable. Every present value is validated when the
 * configuration is loaded (a malformed value stops any command); whether a value must be present
 * depends on the command, which says so with {@link #require(Need...)}. Secrets stay
 * {@link Secret}/{@link AccountNo}, so {@link #toString()} and {@link #describe()} show them masked.
 */
public final class Config {
    private final DbSettings db;
    private final PoolSettings pool;
    private final KisSection kis;
    private final LoopSettings loops;
    private final InfraSettings infra;
    private final Path dataDir;
    private final OpsSettings ops;
    private final EvidenceSettings evidence;
    private final boolean marketAlwaysOpen;
    private final Map<Setting, Origin> origins;
    private final Optional<Path> file;
    private final List<String> warnings;

    private Config(
            DbSettings db,
            PoolSettings pool,
            KisSection kis,
            LoopSettings loops,
            InfraSettings infra,
            Path dataDir,
            OpsSettings ops,
            EvidenceSettings evidence,
            boolean marketAlwaysOpen,
            Map<Setting, Origin> origins,
            Optional<Path> file,
            List<String> warnings) {
        this.db = db;
        this.pool = pool;
        this.kis = kis;
        this.loops = loops;
        this.infra = infra;
        this.dataDir = dataDir;
        this.ops = ops;
        this.evidence = evidence;
        this.marketAlwaysOpen = marketAlwaysOpen;
        this.origins = origins;
        this.file = file;
        this.warnings = warnings;
    }

    /** Parses and validates every present value; the first bad one → {@link ConfigException}. */
    public static Config load(ConfigSources src) {
        Objects.requireNonNull(src, "src");
        DbSettings db = DbSettings.parse(src);
        PoolSettings pool = PoolSettings.parse(src);
        KisSection kis = KisSection.parse(src);
        LoopSettings loops = LoopSettings.parse(src);
        InfraSettings infra = InfraSettings.parse(src);
        Path dataDir = dataDir(src);
        OpsSettings ops = OpsSettings.parse(src);
        EvidenceSettings evidence = EvidenceSettings.parse(src);
        boolean marketAlwaysOpen = marketAlwaysOpen(src);
        Map<Setting, Origin> origins = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            origins.put(s, src.origin(s));
        }
        return new Config(
                db,
                pool,
                kis,
                loops,
                infra,
                dataDir,
                ops,
                evidence,
                marketAlwaysOpen,
                Map.copyOf(origins),
                src.file(),
                src.warnings());
    }

    private static boolean marketAlwaysOpen(ConfigSources src) {
        String v = src.value(Setting.MARKET_HOURS).orElse("krx").trim();
        return switch (v) {
            case "krx" -> false;
            case "always" -> true;
            default -> throw new ConfigException(Setting.MARKET_HOURS, "must be krx or always, was " + v);
        };
    }

    /**
     * True when the broker's market is open at any hour (the simulator's is, by default): the daemon's
     * holdings loop then never slows down for "after the close" by the wall clock.
     */
    public boolean marketAlwaysOpen() {
        return marketAlwaysOpen;
    }

    /** Environment only (no file, no flags). */
    public static Config fromEnvironment(Map<String, String> env) {
        return load(ConfigSources.of(env));
    }

    private static Path dataDir(ConfigSources src) {
        Optional<String> explicit = src.value(Setting.DATA_DIR);
        try {
            if (explicit.isPresent()) {
                return Path.of(explicit.get()).toAbsolutePath().normalize();
            }
            // XDG base directories: a relative XDG_DATA_HOME is invalid and ignored.
            Optional<Path> xdg = src.environment("XDG_DATA_HOME").map(Path::of).filter(Path::isAbsolute);
            if (xdg.isPresent()) {
                return xdg.get().resolve("execctl").normalize();
            }
            String home = src.environment("HOME").orElse(System.getProperty("user.home"));
            return Path.of(home, ".local", "share", "execctl").toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(Setting.DATA_DIR, "is not a valid path");
        }
    }

    /**
     * Checks that what a command needs is present; the first missing key → {@link ConfigException}.
     * Returns this configuration for chaining.
     */
    public Config require(Need... needs) {
        for (Need n : needs) {
            switch (n) {
                case DB -> {
                    // Always satisfiable: without EXECCTL_DB_URL the embedded database is used.
                }
                case KIS -> kisCredentials();
                case KIS_NOTICES -> {
                    kisCredentials();
                    htsId();
                }
            }
        }
        return this;
    }

    /** App key, secret and account, or a {@link ConfigException} naming the first that is missing. */
    public KisCredentials kisCredentials() {
        Secret key = kis.appKey().orElseThrow(() -> missing(Setting.KIS_APP_KEY));
        Secret secret = kis.appSecret().orElseThrow(() -> missing(Setting.KIS_APP_SECRET));
        AccountNo account = kis.account().orElseThrow(() -> missing(Setting.KIS_ACCOUNT));
        return new KisCredentials(key, secret, account);
    }

    /**
     * The KIS client's settings: the options plus the credentials (a {@link ConfigException} naming
     * the first missing one) and the HTS id when set.
     */
    public KisSettings kisSettings() {
        return new KisSettings(kis.options(), kisCredentials(), kis.htsId().orElse(""));
    }

    /** The HTS id the execution notices are subscribed with, or a {@link ConfigException}. */
    public String htsId() {
        return kis.htsId().orElseThrow(() -> missing(Setting.KIS_HTS_ID));
    }

    private ConfigException missing(Setting s) {
        return new ConfigException(
                s,
                "is required by this command but not set (environment"
                        + file.map(f -> " or " + f).orElse(" or --config file") + ")");
    }

    public DbSettings db() {
        return db;
    }

    /** The connection pool and session-lock settings. */
    public PoolSettings pool() {
        return pool;
    }

    /** Everything about reaching KIS except the credentials; validated at load. */
    public KisOptions kis() {
        return kis.options();
    }

    public LoopSettings loops() {
        return loops;
    }

    /** Shared rate-budget storage and the audit's buffer. */
    public InfraSettings infra() {
        return infra;
    }

    /** execctl's data directory (absolute). */
    public Path dataDir() {
        return dataDir;
    }

    /** Where the embedded PostgreSQL keeps its cluster and state files. */
    public Path embeddedPgDir() {
        return dataDir.resolve("pg");
    }

    /** 0 means: no metrics server. */
    public int metricsPort() {
        return ops.metricsPort();
    }

    /** Metrics server ports and the alert webhook. */
    public OpsSettings ops() {
        return ops;
    }

    /** Clock skew and history lag of the evidence rules (ownership, unknown resolution). */
    public EvidenceSettings evidence() {
        return evidence;
    }

    /**
     * Every secret value this configuration holds (database password, KIS app key and secret, the
     * account number in its written forms, the webhook URL): what a redaction pass removes from text
     * that leaves the process (alert webhooks).
     */
    public List<Secret> knownSecrets() {
        List<Secret> out = new ArrayList<>();
        db.password().ifPresent(out::add);
        kis.appKey().ifPresent(out::add);
        kis.appSecret().ifPresent(out::add);
        kis.account().ifPresent(a -> {
            out.add(Secret.of(a.reveal()));
            out.add(Secret.of(a.cano() + a.productCode()));
            out.add(Secret.of(a.cano()));
        });
        ops.alertWebhookUrl().ifPresent(out::add);
        return List.copyOf(out);
    }

    public Origin origin(Setting s) {
        return origins.getOrDefault(s, Origin.DEFAULT);
    }

    public Optional<Path> file() {
        return file;
    }

    public List<String> warnings() {
        return warnings;
    }

    /**
     * One line per setting: key, effective value (secrets masked, unset ones named so), and where it
     * came from. For {@code execctl config}.
     */
    public List<String> describe() {
        int width = 0;
        for (Setting s : Setting.values()) {
            width = Math.max(width, s.key().length());
        }
        List<String> lines = new ArrayList<>();
        for (Setting s : Setting.values()) {
            lines.add(String.format(
                    "%-" + width + "s  %-7s  %s", s.key(), origin(s).label(), valueText(s)));
        }
        return List.copyOf(lines);
    }

    private String valueText(Setting s) {
        Optional<String> kisText = kis.valueText(s);
        if (kisText.isPresent()) {
            return kisText.get();
        }
        return switch (s) {
            case DB_URL -> db.safeUrl().orElse("(unset: embedded PostgreSQL in " + embeddedPgDir() + ")");
            case DB_USER -> db.user().orElse("(unset)");
            case DB_PASSWORD -> db.password().map(Secret::toString).orElse("(unset)");
            case DB_POOL_SIZE -> Integer.toString(pool.maxSize());
            case DB_POOL_TIMEOUT_MS -> Long.toString(pool.connectionTimeout().toMillis());
            case DB_POOL_MAX_LIFETIME_S -> Long.toString(pool.maxLifetime().toSeconds());
            case DB_LOCK_SESSION_TIMEOUT_S ->
                Long.toString(pool.lockSessionTimeout().toSeconds());
            case KIS_RATE_STATE_DIR ->
                infra.rateStateDir().map(Path::toString).orElse("(unset: the database, trade.kis_rate_budget)");
            case INTENT_POLL_MS -> Long.toString(loops.intentPoll().toMillis());
            case UNFILLED_SYNC_S -> Long.toString(loops.unfilledSync().toSeconds());
            case UNFILLED_IDLE_SYNC_S -> Long.toString(loops.unfilledIdleSync().toSeconds());
            case FILLS_SYNC_S -> Long.toString(loops.fillsSync().toSeconds());
            case HOLDINGS_SYNC_S -> Long.toString(loops.holdingsSync().toSeconds());
            case HOLDINGS_AFTER_FILL_MS ->
                Long.toString(loops.holdingsAfterFill().toMillis());
            case HOLDINGS_MIN_INTERVAL_MS ->
                Long.toString(loops.holdingsMinInterval().toMillis());
            case WS_DOWN_SYNC_S -> Long.toString(loops.wsDownSync().toSeconds());
            case SUBMIT_WORKERS -> Integer.toString(loops.submitWorkers());
            case ORDER_TIME_SKEW_MS -> Long.toString(evidence.orderTimeSkew().toMillis());
            case HISTORY_LAG_MS -> Long.toString(evidence.historyLag().toMillis());
            case FILL_INFERENCE_LAG_MS ->
                Long.toString(evidence.fillInferenceLag().toMillis());
            case MARKET_HOURS -> marketAlwaysOpen ? "always" : "krx";
            case DATA_DIR -> dataDir.toString();
            case METRICS_PORT -> ops.metricsPort() == 0 ? "0 (off)" : Integer.toString(ops.metricsPort());
            case METRICS_FALLBACK_PORT ->
                ops.metricsFallbackPort().isPresent()
                        ? Integer.toString(ops.metricsFallbackPort().getAsInt())
                        : "(unset: the next free port)";
            case ALERT_WEBHOOK_URL ->
                ops.alertWebhookUrl().map(Secret::toString).orElse("(unset)");
            case AUDIT_QUEUE -> Integer.toString(infra.auditQueue());
            default -> throw new IllegalStateException(s + " has no value text");
        };
    }

    @Override
    public String toString() {
        return "Config[" + db + ", " + pool + ", " + kis + ", " + loops + ", dataDir=" + dataDir + ", metricsPort="
                + ops.metricsPort() + "]";
    }
}
