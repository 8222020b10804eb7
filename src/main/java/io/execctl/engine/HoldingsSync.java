package io.execctl.engine;

import io.execctl.domain.Holding;
import io.execctl.domain.PositionDiff;
import io.execctl.kis.Balance;
import io.execctl.kis.HoldingRow;
import io.execctl.store.AdvisoryLocks;
import io.execctl.store.CursorStore;
import io.execctl.store.HoldingStore;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sync holdings}: reads every page of {@code inquire-balance} and, only when the result is
 * complete, makes {@code trade.holdings} exactly the broker's balance (lines the broker no longer
 * reports are deleted), records the sync time (cursor {@code holdings/<account>}, the lag metric's
 * source) and judges the positions ({@link HoldingsCheck}) — all in one transaction. An incomplete
 * result (a page failed, the page cap, data kept changing, an unreadable row) changes and judges
 * nothing: a partial balance would delete real holdings and raise false MISSING verdicts.
 */
public final class HoldingsSync {
    private static final Logger LOG = LoggerFactory.getLogger(HoldingsSync.class);

    private final Jdbi jdbi;
    private final BalanceSource source;
    private final String accountId;
    private final Clock clock;
    private final HoldingsCheck check;
    private final Alerter alerter;
    private final HoldingsCounters counters;

    public HoldingsSync(
            Jdbi jdbi,
            BalanceSource source,
            String accountId,
            Clock clock,
            HoldingsCheck check,
            Alerter alerter,
            HoldingsCounters counters) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.source = Objects.requireNonNull(source, "source");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.check = Objects.requireNonNull(check, "check");
        this.alerter = Objects.requireNonNull(alerter, "alerter");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /** The cursor row whose {@code updated_ts} is the last complete holdings sync of {@code accountId}. */
    public static String cursorName(String accountId) {
        return "holdings/" + accountId;
    }

    /** What one run did. */
    public sealed interface Result {
        /** The balance was complete: holdings replaced and judged. */
        record Synced(Instant at, int holdings, int deleted, HoldingsCheck.Judgement judgement) implements Result {}

        /** The balance was not complete: nothing changed, nothing judged. */
        record Incomplete(String reason, int rowsRead, int pages) implements Result {}

        /**
         * Another process (the daemon beside a cron run) stored a balance read later than this one
         * while this one was paging: this older one is dropped, nothing changed.
         */
        record Superseded(Instant at, Instant newer) implements Result {}
    }

    public Result run() {
        Instant at = clock.instant();
        Balance balance = source.fetch();
        if (!balance.complete()) {
            String reason = balance.holdings().complete()
                    ? "the account summary (output2) is missing"
                    : balance.holdings().reason();
            return incomplete(reason, balance);
        }
        List<HoldingStore.Line> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (HoldingRow r : balance.holdings().rows()) {
            if (!seen.add(r.symbol())) {
                return incomplete("symbol " + r.symbol() + " appears twice in the balance", balance);
            }
            try {
                lines.add(new HoldingStore.Line(holding(r, at), r.raw()));
            } catch (IllegalArgumentException e) {
                return incomplete("row of " + r.symbol() + ": " + e.getMessage(), balance);
            }
        }
        List<Holding> holdings = lines.stream().map(HoldingStore.Line::holding).toList();
        Result result = jdbi.inTransaction(h -> {
            AdvisoryLocks.lockForTransaction(h, "holdings", accountId);
            CursorStore cursors = CursorStore.on(h);
            var stored = cursors.updatedAt(cursorName(accountId));
            if (stored.isPresent() && stored.get().isAfter(at)) {
                return new Result.Superseded(at, stored.get());
            }
            HoldingStore.Replaced replaced = HoldingStore.on(h).replaceAccount(accountId, lines);
            cursors.put(
                    cursorName(accountId),
                    "{\"holdings\":" + lines.size() + ",\"pages\":"
                            + balance.holdings().pages() + "}",
                    at);
            HoldingsCheck.Judgement j = check.judge(h, accountId, holdings, at);
            return new Result.Synced(at, lines.size(), replaced.deleted(), j);
        });
        if (result instanceof Result.Synced synced) {
            afterCommit(synced);
        } else if (result instanceof Result.Superseded sup) {
            LOG.info(
                    "holdings balance read at {} dropped: a newer one (read at {}) is already stored", at, sup.newer());
        }
        return result;
    }

    private Result incomplete(String reason, Balance balance) {
        counters.incomplete();
        LOG.warn(
                "holdings sync incomplete, nothing changed or judged: {} ({} rows, {} pages read)",
                reason,
                balance.holdings().rows().size(),
                balance.holdings().pages());
        return new Result.Incomplete(
                reason, balance.holdings().rows().size(), balance.holdings().pages());
    }

    private void afterCommit(Result.Synced s) {
        counters.synced(s.at());
        PositionDiff diff = s.judgement().diff();
        for (PositionDiff.Row row : diff.mismatches()) {
            counters.mismatch(row.kind(), row.symbol());
        }
        for (PositionDiff.Row row : diff.pendingMismatches()) {
            counters.pending();
            LOG.info(
                    "holdings {} {} seen while fills are in flight (position {}, holding {}): no verdict, rechecked next cycle",
                    row.kind(),
                    row.symbol(),
                    row.positionQty(),
                    row.holdingQty());
        }
        for (PositionDiff.Row row : s.judgement().raised()) {
            alerter.raise(new Alert(
                    Alert.Severity.WARNING,
                    "HOLDING_MISMATCH_" + row.kind(),
                    "holdings vs positions " + row.kind() + " " + row.symbol() + ": position " + row.positionQty()
                            + ", holding " + row.holdingQty() + " (difference " + row.difference() + ")"));
        }
        for (String symbol : s.judgement().cleared()) {
            alerter.raise(new Alert(
                    Alert.Severity.INFO,
                    "HOLDING_MISMATCH_CLEARED",
                    "holdings vs positions agree again for " + symbol));
        }
        LOG.info(
                "holdings synced: {} lines, {} removed, {} mismatches, {} pending",
                s.holdings(),
                s.deleted(),
                diff.mismatches().size(),
                diff.pendingMismatches().size());
    }

    /** A balance row as a holding line; {@code pnl_pct} = evaluation P&L / purchase amount × 100. */
    static Holding holding(HoldingRow r, String accountId, Instant at) {
        Double pnlPct = r.pchsAmt() == null || r.pchsAmt().signum() <= 0 || r.evluPflsAmt() == null
                ? null
                : r.evluPflsAmt()
                        .multiply(BigDecimal.valueOf(100))
                        .divide(r.pchsAmt(), MathContext.DECIMAL64)
                        .doubleValue();
        return new Holding(accountId, r.symbol(), r.hldgQty(), r.pchsAvgPric(), r.prpr(), r.evluPflsAmt(), pnlPct, at);
    }

    private Holding holding(HoldingRow r, Instant at) {
        return holding(r, accountId, at);
    }
}
