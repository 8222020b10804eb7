package io.execctl.sim.http;

/**
 * KIS's query server writes {@code msg1} into a fixed 80-byte field of its host encoding (CP949: one byte
 * for ASCII, two for Hangul) and sends the padding: {@code "모의투자 조회가 완료되었습니다." + 49 spaces}.
 * Clients must trim; the simulator pads where KIS does (inquiry results).
 */
final class KisText {
    private static final int WIDTH = 80;

    private KisText() {}

    static String padded(String msg) {
        int bytes = 0;
        for (int i = 0; i < msg.length(); i++) {
            bytes += msg.charAt(i) < 0x80 ? 1 : 2;
        }
        return bytes >= WIDTH ? msg : msg + " ".repeat(WIDTH - bytes);
    }
}
