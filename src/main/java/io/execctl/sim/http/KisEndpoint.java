package io.execctl.sim.http;

import io.execctl.domain.Side;
import java.util.List;
import java.util.Optional;

/**
 * The five trading endpoints with the TR ids each accepts (new and old codes; the paper code is the
 * real one with its first letter replaced by {@code V}, as KIS's own helper derives it).
 */
public enum KisEndpoint {
    ORDER_CASH(
            "/uapi/domestic-stock/v1/trading/order-cash",
            "POST",
            List.of("TTTC0012U", "TTTC0802U", "TTTC0011U", "TTTC0801U")),
    ORDER_RVSECNCL("/uapi/domestic-stock/v1/trading/order-rvsecncl", "POST", List.of("TTTC0013U", "TTTC0803U")),
    INQUIRE_PSBL_RVSECNCL(
            "/uapi/domestic-stock/v1/trading/inquire-psbl-rvsecncl", "GET", List.of("TTTC0084R", "TTTC8036R")),
    INQUIRE_DAILY_CCLD(
            "/uapi/domestic-stock/v1/trading/inquire-daily-ccld",
            "GET",
            List.of("TTTC0081R", "TTTC8001R", "CTSC9215R", "CTSC9115R")),
    INQUIRE_BALANCE("/uapi/domestic-stock/v1/trading/inquire-balance", "GET", List.of("TTTC8434R"));

    private final String path;
    private final String method;
    private final List<String> realTrIds;

    KisEndpoint(String path, String method, List<String> realTrIds) {
        this.path = path;
        this.method = method;
        this.realTrIds = realTrIds;
    }

    public String path() {
        return path;
    }

    public String method() {
        return method;
    }

    /** The last path segment ({@code order-cash}), the key of per-endpoint latency faults. */
    public String shortName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public static Optional<KisEndpoint> byPath(String path) {
        for (KisEndpoint e : values()) {
            if (e.path.equals(path)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** True when {@code trId} selects this endpoint in this environment. */
    public boolean accepts(String trId, boolean paper) {
        if (trId == null || trId.length() != 9) {
            return false;
        }
        for (String real : realTrIds) {
            String expected = paper ? "V" + real.substring(1) : real;
            if (expected.equals(trId)) {
                return true;
            }
        }
        return false;
    }

    /** order-cash: the side its TR id selects. */
    public static Side orderSide(String trId) {
        String core = trId.substring(1);
        return core.equals("TTC0012U") || core.equals("TTC0802U") ? Side.BUY : Side.SELL;
    }

    /** inquire-daily-ccld: the TR ids for orders older than three months. */
    public static boolean olderPeriod(String trId) {
        return trId.endsWith("SC9215R") || trId.endsWith("SC9115R");
    }
}
