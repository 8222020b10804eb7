package io.execctl.engine.daemon;

import io.execctl.engine.PassReport;
import java.time.Duration;
import java.util.Objects;

/**
 * A takeover is a gap: nothing watched the account between the last active daemon's death and now. The
 * bootstrap's open-orders and fills steps are that gap's gap-fill, so — as after a WebSocket reconnect —
 * new ENTRY intents wait until the fills step has run and exits go at once, while the daemon sends from
 * the moment it holds the lock instead of after the whole bootstrap (each takeover of the chaos day
 * otherwise left 10–30 s of intents behind it, docs/chaos.md). Decorates the bootstrap's progress to
 * learn when that step is over; the hold is released once, whatever the step's outcome, as a gap-fill's
 * is (a failed sync is retried by its loop, not by holding entries).
 */
final class EntriesAfterFills implements BootstrapProgress {
    private final BootstrapProgress inner;
    private final EntryGate.Hold entries;

    EntriesAfterFills(BootstrapProgress inner, EntryGate.Hold entries) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.entries = Objects.requireNonNull(entries, "entries");
    }

    @Override
    public void started(int index, int total, BootstrapStep step) {
        inner.started(index, total, step);
    }

    @Override
    public void finished(int index, int total, BootstrapStep step, PassReport report, Duration took) {
        inner.finished(index, total, step, report, took);
        over(step);
    }

    @Override
    public void notBuilt(int index, int total, BootstrapStep step) {
        inner.notBuilt(index, total, step);
        over(step);
    }

    @Override
    public void failed(int index, int total, BootstrapStep step, Exception error, Duration took) {
        inner.failed(index, total, step, error, took);
        over(step);
    }

    private void over(BootstrapStep step) {
        if (PassName.SYNC_FILLS.key().equals(step.name())) {
            entries.close();
        }
    }
}
