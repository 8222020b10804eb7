package io.execctl.engine.daemon;

/**
 * The {@code execution_bootstrap_status} gauge of the design document (§모니터링 메트릭): 0 not run,
 * 1 running, 2 done, 3 failed. An incomplete bootstrap (a step saw only part of the broker's picture)
 * is reported as failed: the daemon does not resume on it.
 */
public enum BootstrapStatus {
    NOT_RUN(0),
    RUNNING(1),
    DONE(2),
    FAILED(3);

    private final int gauge;

    BootstrapStatus(int gauge) {
        this.gauge = gauge;
    }

    public int gauge() {
        return gauge;
    }
}
