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
            List.of("TTTC0012U", "TTTC0802U", "TTTC0011U", "TTTC0801U"),
            List.of()),
    ORDER_RVSECNCL(
            "/uapi/domestic-stock/v1/trading/order-rvsecncl", "POST", List.of("TTTC0013U", "TTTC0803U"), List.of()),
    INQUIRE_PSBL_RVSECNCL(
            "/uapi/domestic-stock/v1/trading/inquire-psbl-rvsecncl",
            "GET",
            List.of("TTTC0084R", "TTTC8036R"),
            List.of("CANO", "ACNT_PRDT_CD", "CTX_AREA_FK100", "CTX_AREA_NK100", "INQR_DVSN_1", "INQR_DVSN_2")),
    INQUIRE_DAILY_CCLD(
            "/uapi/domestic-stock/v1/trading/inquire-daily-ccld",
            "GET",
            List.of("TTTC0081R", "TTTC8001R", "CTSC9215R", "CTSC9115R"),
            List.of(
                    "CANO",
                    "ACNT_PRDT_CD",
                    "INQR_STRT_DT",
                    "INQR_END_DT",
                    "SLL_BUY_DVSN_CD",
                    "INQR_DVSN",
                    "PDNO",
                    "CCLD_DVSN",
                    "ORD_GNO_BRNO",
                    "ODNO",
                    "INQR_DVSN_3",
                    "INQR_DVSN_1",
                    "CTX_AREA_FK100",
                    "CTX_AREA_NK100")),
    INQUIRE_BALANCE(
            "/uapi/domestic-stock/v1/trading/inquire-balance",
            "GET",
            List.of("TTTC8434R"),
            List.of(
                    "CANO",
                    "ACNT_PRDT_CD",
                    "AFHR_FLPR_YN",
                    "OFL_YN",
                    "INQR_DVSN",
                    "UNPR_DVSN",
                    "FUND_STTL_ICLD_YN",
                    "FNCG_AMT_AUTO_RDPT_YN",
                    "PRCS_DVSN",
                    "CTX_AREA_FK100",
                    "CTX_AREA_NK100"));

    private final String path;
    private final String method;
    private final List<String> realTrIds;
    private final List<String> requiredKeys;

    KisEndpoint(String path, String method, List<String> realTrIds, List<String> requiredKeys) {
        this.path = path;
        this.method = method;
        this.realTrIds = realTrIds;
        this.requiredKeys = requiredKeys;
    }

    /**
     * The query keys of the long-standing request (both official Postman collections): each must be
     * present, even blank. Keys KIS added later ({@code EXCG_ID_DVSN_CD}) are optional.
     */
    public List<String> requiredKeys() {
        return requiredKeys;
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
