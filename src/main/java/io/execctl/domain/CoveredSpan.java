package io.execctl.domain;

import java.time.Instant;

/**
 * A closed interval of time during which the execution-notice stream was known to be receiving:
 * from the moment the subscription was confirmed to the last frame received on that connection
 * (PINGPONG included). Anything after the last frame is a gap until another span starts.
 */
public record CoveredSpan(Instant from, Instant to) {
    public CoveredSpan {
        Checks.notNull(from, "from");
        Checks.notNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("span ends before it starts: " + from + " > " + to);
        }
    }
}
