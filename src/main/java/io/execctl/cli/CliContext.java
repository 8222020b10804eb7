package io.execctl.cli;

import java.util.Map;
import java.util.Objects;

/**
 * What the process gives the commands from outside: the environment. Injected (never
 * {@code System.getenv()} inside a command) so that tests can run commands in-process with their own
 * settings.
 */
public record CliContext(Map<String, String> env) {
    public CliContext {
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    public static CliContext ofSystem() {
        return new CliContext(System.getenv());
    }

    @Override
    public String toString() {
        return "CliContext[" + env.size() + " environment variables]";
    }
}
