package io.execctl.scenario;

/** A script that cannot be run or whose expectation failed; the message starts with {@code file:line}. */
final class ScenarioException extends RuntimeException {
    ScenarioException(String message) {
        super(message);
    }

    ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
