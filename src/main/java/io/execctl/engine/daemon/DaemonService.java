package io.execctl.engine.daemon;

import java.time.Duration;
import java.util.Objects;

/**
 * A component that runs its own thread(s) while this daemon is the active one: the intent pump
 * (LISTEN + poll), the notice stream. Started when the lock is won (before the bootstrap: sending does not wait for it), stopped when the daemon stops or
 * loses its session lock; it may be started again after the lock is won back, so {@link #start()}
 * must work after {@link #stop(Duration)}.
 */
public interface DaemonService {
    String name();

    void start() throws Exception;

    /** Stops within about {@code timeout}: in-flight work finishes, nothing new starts. */
    void stop(Duration timeout);

    /** Adapts a start and a stop action. */
    static DaemonService of(String name, Starter start, Stopper stop) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(stop, "stop");
        return new DaemonService() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() throws Exception {
                start.start();
            }

            @Override
            public void stop(Duration timeout) {
                stop.stop(timeout);
            }
        };
    }

    @FunctionalInterface
    interface Starter {
        void start() throws Exception;
    }

    @FunctionalInterface
    interface Stopper {
        void stop(Duration timeout);
    }
}
