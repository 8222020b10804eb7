package io.execctl.engine;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises each alert on several alerters in order (the log, the metrics counter, the webhook). One that
 * throws despite the {@link Alerter} contract is logged and skipped: the others still hear of it and the
 * caller's sync goes on.
 */
public final class CompositeAlerter implements Alerter {
    private static final Logger LOG = LoggerFactory.getLogger(CompositeAlerter.class);

    private final List<Alerter> alerters;

    public CompositeAlerter(List<Alerter> alerters) {
        this.alerters = List.copyOf(alerters);
    }

    public static CompositeAlerter of(Alerter... alerters) {
        return new CompositeAlerter(List.of(alerters));
    }

    @Override
    public void raise(Alert alert) {
        for (Alerter a : alerters) {
            try {
                a.raise(alert);
            } catch (RuntimeException e) {
                LOG.error("alerter {} failed on {}: {}", a.getClass().getSimpleName(), alert.code(), e.toString());
            }
        }
    }
}
