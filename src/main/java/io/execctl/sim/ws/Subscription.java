package io.execctl.sim.ws;

/**
 * One registration of a session: a real-time TR and its key. Only the execution-notice TR carries
 * a cipher and ever receives frames; other TRs (market data) are accepted, count toward the limit and
 * deliver nothing (the simulator has no market-data feed).
 */
record Subscription(String trId, String trKey, boolean notice, CipherKeys.Pair keys, NoticeCipher cipher) {

    static String id(String trId, String trKey) {
        return trId + '|' + trKey;
    }

    String id() {
        return id(trId, trKey);
    }

    @Override
    public String toString() {
        return "Subscription[" + trId + ", " + trKey + "]";
    }
}
