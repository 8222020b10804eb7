package io.execctl.engine.daemon;

import java.util.List;

/**
 * The bootstrap's order (design document §5.5, issue "Bootstrap"): holdings first (the final truth),
 * then open orders, today's fills, the order states recomputed from them, non-terminal orders and
 * UNKNOWN submissions of earlier dates reconciled, and today's UNKNOWN submissions resolved last
 * (those may stay open: the daemon keeps resolving them while it runs).
 */
public final class BootstrapPlan {
    private BootstrapPlan() {}

    /** The steps, in order, with the passes {@code parts} has. */
    public static List<BootstrapStep> standard(EngineParts parts) {
        return List.of(
                step(parts, PassName.SYNC_HOLDINGS, "holdings (all pages of inquire-balance)"),
                step(parts, PassName.SYNC_UNFILLED, "open orders"),
                step(parts, PassName.SYNC_FILLS, "today's fills"),
                step(parts, PassName.RECOMPUTE_ORDERS, "recompute order states"),
                step(
                        parts,
                        PassName.RECONCILE,
                        "reconcile non-terminal orders and UNKNOWN submissions of earlier dates"),
                step(parts, PassName.RESOLVE_UNKNOWN, "resolve today's UNKNOWN submissions"));
    }

    private static BootstrapStep step(EngineParts parts, PassName name, String what) {
        return new BootstrapStep(name.key(), what, parts.pass(name));
    }
}
