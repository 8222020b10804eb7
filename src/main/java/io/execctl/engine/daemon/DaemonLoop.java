package io.execctl.engine.daemon;

import io.execctl.engine.EnginePass;
import java.time.Duration;
import java.util.Objects;

/**
 * One scheduled loop: a pass, how long to wait after each run, the delay of its first run, and the
 * {@link Nudge} through which something outside may ask it to run sooner (the cadence stays the
 * fallback).
 */
public record DaemonLoop(String name, EnginePass pass, Cadence cadence, Duration firstRun, Nudge nudge) {
    public DaemonLoop {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pass, "pass");
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(firstRun, "firstRun");
        Objects.requireNonNull(nudge, "nudge");
    }

    /** A loop nothing nudges: its cadence alone. */
    public DaemonLoop(String name, EnginePass pass, Cadence cadence, Duration firstRun) {
        this(name, pass, cadence, firstRun, new Nudge());
    }
}
