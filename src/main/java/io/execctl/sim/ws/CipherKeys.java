package io.execctl.sim.ws;

import java.util.Random;

/**
 * Draws the per-subscription AES key (32 characters) and IV (16 characters) from the server's seeded
 * random source, so that a run with the same seed and the same sequence of subscriptions hands out
 * the same keys (reproducible captures), while each subscription still gets its own.
 */
final class CipherKeys {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz".toCharArray();
    private final Random random;

    CipherKeys(long seed) {
        this.random = new Random(seed * 0x9E3779B97F4A7C15L + 0x5DEECE66DL);
    }

    record Pair(String key, String iv) {
        @Override
        public String toString() {
            return "CipherKeys.Pair[****]";
        }
    }

    synchronized Pair next() {
        return new Pair(draw(32), draw(16));
    }

    private String draw(int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }
}
