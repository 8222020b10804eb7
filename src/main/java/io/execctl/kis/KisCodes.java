package io.execctl.kis;

import java.util.Set;

/**
 * KIS message codes ({@code msg_cd}) that decide what a call's answer means, as they arrive on the
 * wire (REFERENCE §10.3, §14.2). The order outcome table ({@link OrderOutcomeRules}) and the inquiry
 * runner read them from here, so a code has one meaning in the client.
 */
public final class KisCodes {
    private KisCodes() {}

    /** {@code EGW00201}: too many calls per second; refused at the gateway before processing. */
    public static final String RATE_LIMIT = "EGW00201";

    /** Invalid, missing or expired access token; refused at the gateway before processing. */
    public static final Set<String> TOKEN_INVALID = Set.of("EGW00121", "EGW00122", "EGW00123");

    /**
     * {@code EGW00301} "연결 시간이 초과되었습니다" / {@code EGW00302} "거래시간이 초과되었습니다", both
     * "직전 거래를 반드시 확인하세요": the gateway gave up waiting; the request may have been executed.
     */
    public static final Set<String> GATEWAY_TIMEOUT = Set.of("EGW00301", "EGW00302");

    /**
     * Gateway refusals of the caller's credentials or permissions, before any processing: app key or
     * secret missing or invalid ({@code EGW00102}–{@code EGW00105}), wrong credential type
     * ({@code EGW00205}), no API permission ({@code EGW00206}), bad IP ({@code EGW00207}) or customer
     * type ({@code EGW00208}). Retrying will not help; an operator must act. (The token codes, which a
     * renewal can cure, are {@link #TOKEN_INVALID}.)
     */
    public static final Set<String> GATEWAY_REFUSAL =
            Set.of("EGW00102", "EGW00103", "EGW00104", "EGW00105", "EGW00205", "EGW00206", "EGW00207", "EGW00208");

    /** Prefix of the gateway's own codes: an {@code EGW} answer comes from the gateway, not the trading system. */
    public static final String GATEWAY_PREFIX = "EGW";

    /** "조회이후에 자료가 변경되었습니다.(다시 조회하세요)": a continuation page refused; restart from page 1. */
    public static final String DATA_CHANGED = "SYDB0050";

    /**
     * "Query again" answers to an inquiry, which restart the listing from page 1 (bounded):
     * {@link #DATA_CHANGED}, and {@code EGW00316} "조회 처리 중 오류 발생하였습니다. 재 조회 수행
     * 부탁드립니다" (not in REFERENCE; several independent KIS clients meet it, typically on HTTP 500 with
     * {@code rt_cd "1"}, and retry it). Restarting re-reads everything, so it is safe whatever the
     * server's paging state.
     */
    public static final Set<String> QUERY_AGAIN = Set.of(DATA_CHANGED, "EGW00316");

    /**
     * "No (more) data" with {@code rt_cd "0"}: {@code KIOK0560} "조회할 내용이 없습니다", {@code KIOK0460}
     * on a last page, and paper's {@code 70070000} "조회할 내역(자료)이 없습니다". Not an error: the listing
     * ends here.
     */
    public static final Set<String> NO_DATA = Set.of("KIOK0560", "KIOK0460", "70070000");
}
