package io.execctl.engine.daemon;

import io.execctl.config.LoopSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The daemon's loops and their cadences (design document §성능 고려사항, issue "The daemon"), each
 * jittered between a floor and the configured interval:
 *
 * <ul>
 *   <li>submit (when no intent pump runs): poll .. 3 x poll ({@code EXECCTL_INTENT_POLL_MS}, 1–3 s);
 *   <li>sync-unfilled: while the WebSocket is down ws/2 .. ws ({@code EXECCTL_WS_DOWN_SYNC_S}, 1–2 s);
 *       with active orders 0.4 x .. 1 x {@code EXECCTL_UNFILLED_SYNC_S} (2–5 s); else 1/3 x .. 1 x
 *       {@code EXECCTL_UNFILLED_IDLE_SYNC_S} (10–30 s);
 *   <li>sync-fills: while the WebSocket is down as sync-unfilled; else 0.6 x .. 1 x
 *       {@code EXECCTL_FILLS_SYNC_S} (3–5 s); sooner when a fill deficit's lag window ends first;
 *   <li>sync-holdings: 1/3 x .. 1 x {@code EXECCTL_HOLDINGS_SYNC_S} (10–30 s); after the close 2 x ..
 *       4 x (60–120 s); and soon after fills commit, through the loop's {@link Nudge} ({@link HoldingsSoon});
 *   <li>resolve-unknown 5–10 s; reconcile 60–120 s; parked notices 2–5 s; unsettled partial cancels
 *       5–10 s; intents behind a terminal order 2–5 s. Recomputing order states is a bootstrap step only.
 * </ul>
 */
public final class LoopPlan {
    static final Duration RESOLVE_MIN = Duration.ofSeconds(5);
    static final Duration RESOLVE_MAX = Duration.ofSeconds(10);
    static final Duration RECONCILE_MIN = Duration.ofSeconds(60);
    static final Duration RECONCILE_MAX = Duration.ofSeconds(120);
    static final Duration PARKED_MIN = Duration.ofSeconds(2);
    static final Duration PARKED_MAX = Duration.ofSeconds(5);

    /**
     * What the cadences depend on.
     *
     * @param wsDown       true while the notice WebSocket is not subscribed (or not configured)
     * @param activeOrders true while the account has non-terminal orders
     * @param afterClose   true outside the trading session ({@link MarketHours})
     * @param deficitDue   how long until the earliest fill deficit's lag window ends (empty: none)
     * @param absenceDue   how long until the earliest UNKNOWN submission's absence can be proven (its
     *                     send deadline plus the history lag; empty: none ahead)
     */
    public record Conditions(
            BooleanSupplier wsDown,
            BooleanSupplier activeOrders,
            BooleanSupplier afterClose,
            Supplier<Optional<Duration>> deficitDue,
            Supplier<Optional<Duration>> absenceDue) {
        public Conditions {
            Objects.requireNonNull(wsDown, "wsDown");
            Objects.requireNonNull(activeOrders, "activeOrders");
            Objects.requireNonNull(afterClose, "afterClose");
            Objects.requireNonNull(deficitDue, "deficitDue");
            Objects.requireNonNull(absenceDue, "absenceDue");
        }

        /** Without fill-deficit and absence timing: the fills and resolver loops keep their cadences. */
        public Conditions(BooleanSupplier wsDown, BooleanSupplier activeOrders, BooleanSupplier afterClose) {
            this(wsDown, activeOrders, afterClose, Optional::empty, Optional::empty);
        }
    }

    /** After a fill deficit's lag window ends, the fills loop runs this much later (the timer's own slack). */
    static final Duration DEFICIT_SLACK = Duration.ofMillis(300);

    private LoopPlan() {}

    /** The loops of the passes {@code parts} has; passes not built get no loop. */
    public static List<DaemonLoop> loops(EngineParts parts, LoopSettings s, Conditions when, RandomGenerator random) {
        List<DaemonLoop> loops = new ArrayList<>();
        Cadence wsDown = Cadence.between(s.wsDownSync().dividedBy(2), s.wsDownSync(), random);
        if (!parts.hasIntentPickupService()) {
            Duration poll = s.intentPoll();
            parts.pass(PassName.SUBMIT)
                    .ifPresent(p -> loops.add(new DaemonLoop(
                            PassName.SUBMIT.key(),
                            p,
                            Cadence.between(poll, poll.multipliedBy(3), random),
                            Duration.ZERO)));
        }
        Cadence unfilled = Cadence.when(
                when.wsDown(),
                wsDown,
                Cadence.when(
                        when.activeOrders(),
                        Cadence.between(s.unfilledSync().multipliedBy(2).dividedBy(5), s.unfilledSync(), random),
                        Cadence.between(s.unfilledIdleSync().dividedBy(3), s.unfilledIdleSync(), random)));
        add(loops, parts, PassName.SYNC_UNFILLED, unfilled);
        // a deficit whose lag window ends before the next run is inferred when it ends, not a cadence later
        Cadence fills = Cadence.sooner(
                Cadence.when(
                        when.wsDown(),
                        wsDown,
                        Cadence.between(s.fillsSync().multipliedBy(3).dividedBy(5), s.fillsSync(), random)),
                when.deficitDue(),
                DEFICIT_SLACK);
        add(loops, parts, PassName.SYNC_FILLS, fills);
        Cadence holdings = Cadence.when(
                when.afterClose(),
                Cadence.between(
                        s.holdingsSync().multipliedBy(2), s.holdingsSync().multipliedBy(4), random),
                Cadence.between(s.holdingsSync().dividedBy(3), s.holdingsSync(), random));
        add(loops, parts, PassName.SYNC_HOLDINGS, holdings);
        // an UNKNOWN whose absence becomes provable before the next run is looked at then (and the
        // submit path nudges this loop the moment a submission becomes UNKNOWN: adoption needs no lag)
        add(
                loops,
                parts,
                PassName.RESOLVE_UNKNOWN,
                Cadence.sooner(Cadence.between(RESOLVE_MIN, RESOLVE_MAX, random), when.absenceDue(), DEFICIT_SLACK));
        add(loops, parts, PassName.RECONCILE, Cadence.between(RECONCILE_MIN, RECONCILE_MAX, random));
        add(loops, parts, PassName.PARKED_NOTICES, Cadence.between(PARKED_MIN, PARKED_MAX, random));
        add(loops, parts, PassName.RESOLVE_CANCELS, Cadence.between(RESOLVE_MIN, RESOLVE_MAX, random));
        add(loops, parts, PassName.SETTLE_INTENTS, Cadence.between(PARKED_MIN, PARKED_MAX, random));
        return List.copyOf(loops);
    }

    private static void add(List<DaemonLoop> loops, EngineParts parts, PassName name, Cadence cadence) {
        // the bootstrap just ran these passes: the first loop run waits one cadence
        parts.pass(name)
                .ifPresent(p -> loops.add(new DaemonLoop(name.key(), p, cadence, cadence.next(), parts.nudge(name))));
    }
}
