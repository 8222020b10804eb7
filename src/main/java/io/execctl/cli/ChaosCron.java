package io.execctl.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The cron jobs of a chaos day: every {@code execctl sync} subcommand as its own process every
 * {@code every}, one of a kind at a time (a job still running when its next turn comes is skipped), as
 * a crontab with {@code flock} would run them.
 */
final class ChaosCron {
    private final ChaosChildren children;
    private final List<String> syncs;
    private final Clock clock;
    private final Duration every;
    private final Map<String, Process> running = new HashMap<>();
    private final Map<String, Integer> exits = new TreeMap<>();
    private Instant next = Instant.MAX;
    private int runs;

    ChaosCron(ChaosChildren children, List<String> syncs, Clock clock, Duration every) {
        this.children = children;
        this.syncs = List.copyOf(syncs);
        this.clock = clock;
        this.every = every;
    }

    /** The first turn. */
    void startAt(Instant first) {
        next = first;
    }

    /** Starts the jobs whose turn it is. */
    void tick() {
        Instant now = clock.instant();
        if (now.isBefore(next)) {
            return;
        }
        next = now.plus(every);
        for (String sync : syncs) {
            Process p = running.get(sync);
            if (p != null && p.isAlive()) {
                continue;
            }
            if (p != null) {
                exits.merge(sync + " exit " + p.exitValue(), 1, Integer::sum);
            }
            running.put(
                    sync, children.start("sync-" + sync, List.of("sync", sync)).process());
            runs++;
        }
    }

    /** No more turns; waits up to 20 s in all for the running jobs, then kills what is left. */
    void stop() {
        next = Instant.MAX;
        Instant end = clock.instant().plusSeconds(20);
        running.values().forEach(p -> {
            try {
                long left = Math.max(0, Duration.between(clock.instant(), end).toMillis());
                if (!p.waitFor(left, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        });
    }

    int runs() {
        return runs;
    }

    /** Finished jobs by "sync exit code". */
    Map<String, Integer> exits() {
        return exits;
    }
}
