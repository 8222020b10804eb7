package io.execctl.engine;

/**
 * Where the engine raises alerts. One small interface so that every loop reports the same way and
 * a real channel (Slack, PagerDuty, a Prometheus alert counter) can replace the log later without
 * touching the callers. Implementations must not throw: an alert that cannot be delivered must
 * never stop a sync.
 */
@FunctionalInterface
public interface Alerter {
    /** Drops everything (for code that has no one to tell). */
    Alerter NONE = alert -> {};

    void raise(Alert alert);
}
