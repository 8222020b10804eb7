package io.execctl.cli;

import io.execctl.engine.PassReport;
import io.execctl.engine.cancel.CancelAnswer;
import io.execctl.engine.cancel.CancelCounters;
import io.execctl.engine.daemon.BootstrapStatus;
import io.execctl.engine.daemon.DaemonMetrics;
import io.execctl.engine.daemon.DaemonStatus;
import io.execctl.engine.daemon.PassName;
import io.execctl.engine.notice.NoticeAction;
import io.execctl.engine.notice.NoticeMetrics;
import io.execctl.engine.submit.PumpCounters;
import io.execctl.engine.submit.SubmitResult;
import io.execctl.engine.sync.SyncCounters;
import io.execctl.metrics.ExecctlMetrics;
import io.execctl.metrics.ExecutionMetrics;
import io.execctl.metrics.Readiness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The adapters from the engine's small counter ports onto the Prometheus registry: the daemon's
 * metrics (bootstrap, loops, active; a successful sync pass moves its lag's watermark), the notice
 * path's, the intent pump's outcomes and health counters, cancelling's counters, the recompute step's
 * drifts, and {@code /readyz} from the daemon's status. Kept in the
 * composition root so the engine never sees the metrics library.
 */
final class EngineMetrics {
    private final ExecctlMetrics metrics;
    private final Clock clock;
    private final AtomicLong parked = new AtomicLong();
    private final SyncCounters syncs = new SyncCounters();
    private final AtomicLong inferredSeen = new AtomicLong();
    private final AtomicLong voidedSeen = new AtomicLong();

    EngineMetrics(ExecctlMetrics metrics, Clock clock) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The REST syncs' counters; read after each pass into the registry ({@link #passRan}). */
    SyncCounters syncCounters() {
        return syncs;
    }

    ExecctlMetrics registry() {
        return metrics;
    }

    /** {@code execution_intents_total{outcome}} from the pump's results. */
    void intentFinished(SubmitResult r) {
        metrics.execution().intentFinished(r.outcome().name().toLowerCase(Locale.ROOT));
    }

    /** {@code execution_order_recompute_drifts_total}: one per order the recompute step corrected. */
    void orderRecomputeDrift() {
        metrics.execution().orderRecomputeDrift();
    }

    /** {@code execution_cancels_total{answer}} and {@code execution_kill_switch_runs_total{result}}. */
    CancelCounters cancels() {
        ExecutionMetrics m = metrics.execution();
        return new CancelCounters() {
            @Override
            public void cancelSent(CancelAnswer.Kind answer) {
                m.cancelSent(answer.name().toLowerCase(Locale.ROOT));
            }

            @Override
            public void killSwitchRun(boolean allClosed) {
                m.killSwitchRun(allClosed);
            }
        };
    }

    /** The intent pump's scans, notifications, LISTEN gaps and scan errors as {@code execution_intent_pump_*}. */
    PumpCounters pumpCounters() {
        ExecutionMetrics m = metrics.execution();
        return new PumpCounters(new PumpCounters.Listener() {
            @Override
            public void scan() {
                m.intentPumpScan();
            }

            @Override
            public void notified() {
                m.intentPumpNotified();
            }

            @Override
            public void gap() {
                m.intentPumpListenGap();
            }

            @Override
            public void error() {
                m.intentPumpScanError();
            }
        });
    }

    DaemonMetrics daemon() {
        ExecutionMetrics m = metrics.execution();
        return new DaemonMetrics() {
            @Override
            public void bootstrapStatus(BootstrapStatus status) {
                m.bootstrap(ExecutionMetrics.BootstrapStatus.valueOf(status.name()));
            }

            @Override
            public void bootstrapDuration(Duration took) {
                m.bootstrapFinished(true, took);
            }

            @Override
            public void loopRan(String loop, PassReport report) {
                passRan(loop, report);
            }

            @Override
            public void loopError(String loop) {
                m.loopError(loop);
            }

            @Override
            public void active(boolean active) {
                m.daemonActive(active);
            }
        };
    }

    /**
     * A pass finished: the syncs' last complete passes are the lag watermarks (the same instants
     * the syncs record in {@code trade.sync_runs}), their inferred/voided counts move the counters;
     * the resolver's leftover count is the UNKNOWN-submissions gauge.
     */
    void passRan(String pass, PassReport report) {
        ExecutionMetrics m = metrics.execution();
        if (pass.equals(PassName.RESOLVE_UNKNOWN.key())) {
            m.unknownSubmissions(report.unresolved());
        }
        Instant unfilled = syncs.lastComplete(PassName.SYNC_UNFILLED.key());
        if (unfilled != null) {
            m.unfilledSynced(unfilled);
        }
        Instant fills = syncs.lastComplete(PassName.SYNC_FILLS.key());
        if (fills != null) {
            m.fillsSynced(fills);
        }
        long inferred = syncs.inferredFills();
        for (long n = inferred - inferredSeen.getAndSet(inferred); n > 0; n--) {
            m.fillInferred();
        }
        long voided = syncs.voidedFills();
        for (long n = voided - voidedSeen.getAndSet(voided); n > 0; n--) {
            m.fillVoided();
        }
    }

    NoticeMetrics notices() {
        ExecutionMetrics m = metrics.execution();
        return new NoticeMetrics() {
            @Override
            public void fillCommitted(long nanos) {
                m.fillRecorded("ws", Duration.ofNanos(nanos));
            }

            @Override
            public void notice(NoticeAction action) {}

            @Override
            public void otherAccount() {}

            @Override
            public void unusable(String reason) {}

            @Override
            public void parked() {
                m.parkedNotices(parked.incrementAndGet());
            }

            @Override
            public void unparked(int count) {
                m.parkedNotices(parked.updateAndGet(n -> Math.max(0, n - count)));
            }

            @Override
            public void decodeError() {}

            @Override
            public void batch(int notices, int orders) {}

            @Override
            public void held() {
                m.fillNoticeHeld();
            }
        };
    }

    /** {@code /readyz}: bootstrapped, database reachable, notice WebSocket subscribed. */
    static Readiness readiness(DaemonStatus status) {
        return new Readiness() {
            @Override
            public boolean bootstrapDone() {
                DaemonStatus.Snapshot s = status.snapshot();
                return s.active() && s.bootstrapDone();
            }

            @Override
            public boolean databaseReachable() {
                return status.snapshot().dbReachable();
            }

            @Override
            public boolean webSocketSubscribed() {
                return status.snapshot().wsSubscribed();
            }
        };
    }
}
