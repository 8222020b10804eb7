package io.execctl.sim.market;

/** Who placed an order at the simulated broker: the Open API, or a person in the HTS/MTS app. */
public enum Source {
    API,
    HTS
}
