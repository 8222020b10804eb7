package io.execctl.domain;

/**
 * How a fill became known: a WebSocket execution notice, a REST inquiry, or inferred from the
 * difference between the broker's cumulative filled quantity and the fills already stored.
 */
public enum FillSource {
    WS,
    REST,
    INFERRED
}
