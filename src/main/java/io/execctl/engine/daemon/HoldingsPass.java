package io.execctl.engine.daemon;

import io.execctl.engine.EnginePass;
import io.execctl.engine.HoldingsSync;
import io.execctl.engine.PassReport;
import java.util.Objects;

/**
 * {@link HoldingsSync} as a pass: an incomplete balance is an incomplete report (the bootstrap stops
 * with exit code 4 rather than resume on it); mismatches are the sync's own business (event, alert,
 * counter) and do not make the pass fail.
 */
public final class HoldingsPass implements EnginePass {
    private final HoldingsSync sync;

    public HoldingsPass(HoldingsSync sync) {
        this.sync = Objects.requireNonNull(sync, "sync");
    }

    @Override
    public PassReport run() {
        String name = PassName.SYNC_HOLDINGS.key();
        HoldingsSync.Result r = sync.run();
        if (r instanceof HoldingsSync.Result.Incomplete i) {
            return new PassReport(name, false, 0, 0, "balance incomplete, nothing changed: " + i.reason());
        }
        if (r instanceof HoldingsSync.Result.Superseded s) {
            return PassReport.complete(name, 0, "a newer balance (" + s.newer() + ") is already stored");
        }
        HoldingsSync.Result.Synced s = (HoldingsSync.Result.Synced) r;
        var diff = s.judgement().diff();
        return PassReport.complete(
                name,
                s.holdings() + s.deleted(),
                s.holdings() + " holdings, " + s.deleted() + " removed, "
                        + diff.mismatches().size() + " mismatches, "
                        + diff.pendingMismatches().size() + " pending");
    }
}
