package io.execctl.kis;

/**
 * Receives every HTTP exchange with KIS (the engine stores them in its audit table). Called on the
 * calling thread after each attempt, before the outcome is interpreted; an exception thrown here is
 * logged and counted and does not change the call's outcome.
 */
@FunctionalInterface
public interface RawSink {
    RawSink NONE = exchange -> {};

    void accept(RawExchange exchange);
}
