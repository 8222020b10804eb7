package io.execctl.engine.daemon;

import io.execctl.engine.EnginePass;
import java.time.Duration;
import java.util.Objects;

/** One scheduled loop: a pass, how long to wait after each run, and the delay of its first run. */
public record DaemonLoop(String name, EnginePass pass, Cadence cadence, Duration firstRun) {
    public DaemonLoop {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pass, "pass");
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(firstRun, "firstRun");
    }
}
