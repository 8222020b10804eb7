package io.execctl.domain;

/** Where an order came from: one of our intents, or placed outside execctl (HTS/MTS by hand). */
public enum OrderSource {
    INTENT,
    EXTERNAL
}
