package io.execctl.domain;

/**
 * Where an order came from: one of our intents, placed outside execctl (HTS/MTS by hand), or a
 * cancel/modify row of an order we hold ({@code REVISION}: no intent of its own, {@code orig_order_no}
 * names the order it changes; it belongs to that order's chain, never to the external orders).
 */
public enum OrderSource {
    INTENT,
    EXTERNAL,
    REVISION
}
