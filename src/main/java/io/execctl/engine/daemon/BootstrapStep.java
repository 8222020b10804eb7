package io.execctl.engine.daemon;

import io.execctl.engine.EnginePass;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of the bootstrap: a name, what it does (for the progress line), and its pass — absent
 * while that pass is not built, in which case the bootstrap reports the step as not run.
 */
public record BootstrapStep(String name, String what, Optional<EnginePass> pass) {
    public BootstrapStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(pass, "pass");
    }
}
