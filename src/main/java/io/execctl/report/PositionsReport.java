package io.execctl.report;

import io.execctl.domain.PositionDiff;
import io.execctl.store.CursorStore;
import io.execctl.store.HoldingStore;
import io.execctl.store.PositionStore;
import io.execctl.store.SymbolActivityStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code diff-positions}: the stored holdings against the open positions, as the database has them
 * now (one read-only transaction, so holdings, positions and activity are one consistent picture).
 * Symbols with order, fill or position activity since {@code quietPeriod} before the last holdings
 * sync are pending: holdings and positions may disagree there only because a fill is travelling.
 *
 * @param holdingsSyncedAt when holdings were last replaced from a complete balance; empty if never
 */
public record PositionsReport(
        PositionDiff diff, Optional<Instant> holdingsSyncedAt, Instant generatedAt, Duration quietPeriod) {

    /** Name of the cursor whose {@code updated_ts} is the last complete holdings sync (see engine.HoldingsSync). */
    public static String holdingsCursor(String accountId) {
        return "holdings/" + accountId;
    }

    public PositionsReport {
        Objects.requireNonNull(diff, "diff");
        Objects.requireNonNull(holdingsSyncedAt, "holdingsSyncedAt");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(quietPeriod, "quietPeriod");
    }

    /** Reads the account's holdings, open positions, recent activity and last sync time. */
    public static PositionsReport load(Jdbi jdbi, String accountId, Instant now, Duration quietPeriod) {
        return jdbi.inTransaction(h -> {
            h.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            Optional<Instant> synced = CursorStore.on(h).updatedAt(holdingsCursor(accountId));
            Instant since = synced.filter(s -> s.isBefore(now)).orElse(now).minus(quietPeriod);
            Set<String> inFlight = SymbolActivityStore.on(h).activeSince(accountId, since);
            PositionDiff diff = PositionDiff.compare(
                    HoldingStore.on(h).findByAccount(accountId),
                    PositionStore.on(h).findOpen(accountId),
                    inFlight);
            return new PositionsReport(diff, synced, now, quietPeriod);
        });
    }

    /** Mismatches with a verdict exist (exit code 3). */
    public boolean hasMismatches() {
        return !diff.mismatches().isEmpty();
    }
}
