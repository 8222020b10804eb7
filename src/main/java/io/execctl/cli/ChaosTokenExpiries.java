package io.execctl.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The chaos day's early token expiries: at seeded random moments, one in each equal slice of 10–90 %
 * of the day, drawn from their own dice so that a seed's kills stay where they were. Each expires every
 * live access token at the simulator; KIS then issues a new one at most once a minute.
 */
final class ChaosTokenExpiries {
    private final List<Instant> at;
    private final Instant start;
    private final ChaosBroker broker;
    private final Consumer<String> line;
    private int done;

    private ChaosTokenExpiries(List<Instant> at, Instant start, ChaosBroker broker, Consumer<String> line) {
        this.at = at;
        this.start = start;
        this.broker = broker;
        this.line = line;
    }

    static ChaosTokenExpiries schedule(
            long seed, int count, Instant start, Duration phase, ChaosBroker broker, Consumer<String> line) {
        Random dice = new Random(seed * 131 + 3);
        List<Instant> at = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double slice = 0.8 / count;
            at.add(start.plusMillis((long) (phase.toMillis() * (0.10 + slice * (i + 0.2 + 0.6 * dice.nextDouble())))));
        }
        return new ChaosTokenExpiries(at, start, Objects.requireNonNull(broker), Objects.requireNonNull(line));
    }

    /** The expiry due at {@code now}, if any. */
    void due(Instant now) {
        if (!at.isEmpty() && !now.isBefore(at.get(0))) {
            at.remove(0);
            expire(now);
        }
    }

    /** The expiries still due when the script ended (a short day): now. */
    void rest() {
        while (!at.isEmpty()) {
            at.remove(0);
            expire(Instant.now());
        }
    }

    /** Expiries the simulator carried out. */
    int done() {
        return done;
    }

    private void expire(Instant now) {
        String t = "t+" + ChaosRun.secs(Duration.between(start, now));
        try {
            line.accept(t + " early expiry of the access token (" + broker.expireTokens() + " live)");
            done++;
        } catch (RuntimeException e) {
            line.accept(t + " early token expiry failed: " + e.getMessage());
        }
    }
}
