package io.execctl.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code execution_*} metrics of docs/prometheus/metrics.txt, as plain methods the daemon's loops
 * (or adapters of their counter interfaces) call. Lags are computed at scrape time from the last
 * success, so a loop that stops reporting shows a growing lag rather than a frozen one; before the
 * first success the lag counts from when this registry was created (a daemon that never synced looks
 * late, never fresh).
 */
public final class ExecutionMetrics {
    /** Values of {@code execution_bootstrap_status}. */
    public enum BootstrapStatus {
        NOT_RUN,
        RUNNING,
        DONE,
        FAILED
    }

    private final Clock clock;
    private final AtomicReference<Instant> unfilledSynced;
    private final AtomicReference<Instant> fillsSynced;
    private final AtomicReference<Instant> holdingsSynced;
    private final AtomicReference<Map<UnfilledKey, Long>> unfilled = new AtomicReference<>(Map.of());
    private final Counter mismatch;
    private final Counter missing;
    private final Counter extra;
    private final Histogram fillProcessing;
    private final Counter fills;
    private final Counter voided;
    private final Counter inferred;
    private final Counter held;
    private final Gauge bootstrapStatus;
    private final Gauge bootstrapDuration;
    private final Counter intents;
    private final Gauge unknownSubmissions;
    private final Gauge parkedNotices;
    private final Counter loopErrors;
    private final Counter intentRepairs;
    private final Gauge daemonActive;
    private final Counter recomputeDrifts;
    private final Counter cancels;
    private final Counter killSwitchRuns;
    private final Counter pumpScans;
    private final Counter pumpNotifications;
    private final Counter pumpListenGaps;
    private final Counter pumpScanErrors;

    /** One series of {@code execution_unfilled_orders}. */
    public record UnfilledKey(String symbol, String status) {
        public UnfilledKey {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(status, "status");
        }
    }

    ExecutionMetrics(PrometheusRegistry registry, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        Instant start = clock.instant();
        unfilledSynced = new AtomicReference<>(start);
        fillsSynced = new AtomicReference<>(start);
        holdingsSynced = new AtomicReference<>(start);
        lag(registry, "execution_unfilled_sync_lag_seconds", "seconds since the last open-orders sync", unfilledSynced);
        lag(registry, "execution_fills_sync_lag_seconds", "seconds since the last REST fills sync", fillsSynced);
        lag(registry, "execution_holdings_sync_lag_seconds", "seconds since the last holdings sync", holdingsSynced);
        mismatch = symbolCounter(registry, "execution_holdings_position_mismatch_total", "holdings quantity differs");
        missing = symbolCounter(registry, "execution_holdings_missing_total", "position the broker does not hold");
        extra = symbolCounter(registry, "execution_holdings_extra_total", "holding without a position");
        fillProcessing = Histogram.builder()
                .name("execution_fill_processing_duration_seconds")
                .help("time from a fill being received to its transaction committing")
                .labelNames("source")
                .classicOnly()
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
                .register(registry);
        fills = Counter.builder()
                .name("execution_fills_synced_total")
                .help("fills recorded, by source")
                .labelNames("source")
                .register(registry);
        voided = Counter.builder()
                .name("execution_fills_voided_total")
                .help("fills voided")
                .register(registry);
        inferred = Counter.builder()
                .name("execution_fills_inferred_total")
                .help("fills inferred from an order's filled quantity")
                .register(registry);
        held = Counter.builder()
                .name("execution_fill_notices_held_total")
                .help("fill notices held as suspected duplicates (they would take an order past its quantity)")
                .register(registry);
        GaugeWithCallback.builder()
                .name("execution_unfilled_orders")
                .help("our orders still working at the broker, by symbol and status")
                .labelNames("symbol", "status")
                .callback(cb -> unfilled.get().forEach((k, n) -> cb.call(n, k.symbol(), k.status())))
                .register(registry);
        bootstrapStatus = Gauge.builder()
                .name("execution_bootstrap_status")
                .help("startup recovery: 0 not run, 1 running, 2 done, 3 failed")
                .register(registry);
        bootstrapDuration = Gauge.builder()
                .name("execution_bootstrap_duration_seconds")
                .help("wall time of the last finished startup recovery")
                .register(registry);
        intents = Counter.builder()
                .name("execution_intents_total")
                .help("order intents finished, by outcome")
                .labelNames("outcome")
                .register(registry);
        unknownSubmissions = Gauge.builder()
                .name("execution_unknown_submissions")
                .help("submissions whose fate at the broker is unknown and not yet resolved")
                .register(registry);
        parkedNotices = Gauge.builder()
                .name("execution_parked_notices")
                .help("WebSocket notices parked because their order is not (yet) known")
                .register(registry);
        loopErrors = Counter.builder()
                .name("execution_loop_errors_total")
                .help("uncaught errors in a daemon loop")
                .labelNames("loop")
                .register(registry);
        intentRepairs = Counter.builder()
                .name("execution_intent_repairs_total")
                .help("intents the settle-intents safety net moved to what their order chain means (a bug signal)")
                .register(registry);
        daemonActive = Gauge.builder()
                .name("execution_daemon_active")
                .help("1 on the instance holding the session lock, 0 on a hot standby")
                .register(registry);
        recomputeDrifts = counter(registry, "execution_order_recompute_drifts_total", "orders corrected from fills");
        cancels = Counter.builder()
                .name("execution_cancels_total")
                .help("cancel requests sent, by the broker's answer")
                .labelNames("answer")
                .register(registry);
        killSwitchRuns = Counter.builder()
                .name("execution_kill_switch_runs_total")
                .help("kill-switch runs, by result")
                .labelNames("result")
                .register(registry);
        pumpScans = counter(registry, "execution_intent_pump_scans_total", "intent pump scans for NEW intents");
        pumpNotifications =
                counter(registry, "execution_intent_pump_notifications_total", "intent NOTIFYs the pump received");
        pumpListenGaps = counter(registry, "execution_intent_pump_listen_gaps_total", "LISTEN (re)connects");
        pumpScanErrors = counter(registry, "execution_intent_pump_scan_errors_total", "intent pump scans that failed");
    }

    private static Counter counter(PrometheusRegistry registry, String name, String help) {
        return Counter.builder().name(name).help(help).register(registry);
    }

    private void lag(PrometheusRegistry registry, String name, String help, AtomicReference<Instant> last) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .callback(cb -> cb.call(Math.max(
                        0, Duration.between(last.get(), clock.instant()).toMillis() / 1000.0)))
                .register(registry);
    }

    private static Counter symbolCounter(PrometheusRegistry registry, String name, String help) {
        return Counter.builder().name(name).help(help).labelNames("symbol").register(registry);
    }

    public void unfilledSynced(Instant at) {
        unfilledSynced.set(Objects.requireNonNull(at, "at"));
    }

    public void fillsSynced(Instant at) {
        fillsSynced.set(Objects.requireNonNull(at, "at"));
    }

    public void holdingsSynced(Instant at) {
        holdingsSynced.set(Objects.requireNonNull(at, "at"));
    }

    /** A judged holdings mismatch seen in one sync; {@code kind} is MISSING, EXTRA or QTY. */
    public void holdingsMismatch(String kind, String symbol) {
        String s = LabelValue.symbol(symbol);
        switch (kind) {
            case "MISSING" -> missing.labelValues(s).inc();
            case "EXTRA" -> extra.labelValues(s).inc();
            case "QTY" -> mismatch.labelValues(s).inc();
            default -> throw new IllegalArgumentException("not a mismatch kind: " + kind);
        }
    }

    /** A fill committed {@code elapsed} after it was received; {@code source} is {@code ws} or {@code rest}. */
    public void fillRecorded(String source, Duration elapsed) {
        String s = LabelValue.of(source);
        fills.labelValues(s).inc();
        fillProcessing.labelValues(s).observe(KisPrometheusMetrics.seconds(elapsed));
    }

    public void fillVoided() {
        voided.inc();
    }

    public void fillInferred() {
        inferred.inc();
    }

    /** A fill notice held as a suspected duplicate ({@code trade.held_notices}). */
    public void fillNoticeHeld() {
        held.inc();
    }

    /** Replaces the open-order counts (the open-orders loop's latest view). */
    public void unfilledOrders(Map<UnfilledKey, Long> counts) {
        Map<UnfilledKey, Long> clean = new HashMap<>();
        counts.forEach((k, n) ->
                clean.merge(new UnfilledKey(LabelValue.symbol(k.symbol()), LabelValue.of(k.status())), n, Long::sum));
        unfilled.set(Map.copyOf(clean));
    }

    public void bootstrap(BootstrapStatus status) {
        bootstrapStatus.set(status.ordinal());
    }

    /** A startup recovery finished (done or failed) after {@code took}. */
    public void bootstrapFinished(boolean ok, Duration took) {
        bootstrapDuration.set(KisPrometheusMetrics.seconds(took));
        bootstrap(ok ? BootstrapStatus.DONE : BootstrapStatus.FAILED);
    }

    public void intentFinished(String outcome) {
        intents.labelValues(LabelValue.of(outcome)).inc();
    }

    public void unknownSubmissions(long n) {
        unknownSubmissions.set(n);
    }

    public void parkedNotices(long n) {
        parkedNotices.set(n);
    }

    /** The settle-intents loop repaired an intent its order's writers left behind: each is a bug. */
    public void intentRepaired() {
        intentRepairs.inc();
    }

    public void loopError(String loop) {
        loopErrors.labelValues(LabelValue.of(loop)).inc();
    }

    public void daemonActive(boolean active) {
        daemonActive.set(active ? 1 : 0);
    }

    /** The bootstrap's recompute step corrected an order that disagreed with its fills. */
    public void orderRecomputeDrift() {
        recomputeDrifts.inc();
    }

    /** A cancel request was sent; {@code answer} is the class of the broker's answer. */
    public void cancelSent(String answer) {
        cancels.labelValues(LabelValue.of(answer)).inc();
    }

    public void killSwitchRun(boolean allClosed) {
        killSwitchRuns.labelValues(allClosed ? "closed" : "incomplete").inc();
    }

    /** The intent pump scanned for NEW intents. */
    public void intentPumpScan() {
        pumpScans.inc();
    }

    /** The intent pump received a NOTIFY of a new intent. */
    public void intentPumpNotified() {
        pumpNotifications.inc();
    }

    /** The intent pump's LISTEN connection (re)connected and a rescan ran (the first connect included). */
    public void intentPumpListenGap() {
        pumpListenGaps.inc();
    }

    public void intentPumpScanError() {
        pumpScanErrors.inc();
    }
}
