package io.execctl.engine;

/**
 * One pass of an engine loop (submit NEW intents, sync open orders, sync fills, sync holdings,
 * reconcile, resolve unknown submissions). The daemon schedules passes at their cadences, the
 * bootstrap runs them in order, and the one-shot commands run one — so each job is written once.
 * A pass is idempotent: running it twice, or beside another process, changes nothing the second time.
 */
@FunctionalInterface
public interface EnginePass {
    /**
     * Runs once. Throws only for a failure the caller should count and log (the daemon keeps its
     * schedule); a pass that could not see the whole picture returns an incomplete report instead.
     */
    PassReport run() throws Exception;
}
