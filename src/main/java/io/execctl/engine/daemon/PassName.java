package io.execctl.engine.daemon;

/**
 * The engine's passes by their stable names (the {@code pass} of a {@link io.execctl.engine.PassReport},
 * a metric label, a line of {@code execctl bootstrap}).
 */
public enum PassName {
    SUBMIT("submit"),
    SYNC_HOLDINGS("sync-holdings"),
    SYNC_UNFILLED("sync-unfilled"),
    SYNC_FILLS("sync-fills"),
    RECOMPUTE_ORDERS("recompute-orders"),
    RECONCILE("reconcile"),
    RESOLVE_UNKNOWN("resolve-unknown"),
    PARKED_NOTICES("parked-notices"),
    RESOLVE_CANCELS("resolve-cancels"),
    SETTLE_INTENTS("settle-intents");

    private final String key;

    PassName(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
