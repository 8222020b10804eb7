package io.execctl.kis;

import io.execctl.config.KisSettings;
import io.execctl.config.TrIdSet;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.OrderAddress;
import io.execctl.domain.OrderRequest;
import io.execctl.domain.Side;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Endpoint mapping: which TR id, path and parameters each call needs (REFERENCE §3–§7). Pure: it
 * builds {@link KisRequest}s and sends nothing. Every documented parameter is sent, even when blank,
 * because KIS refuses a missing key ({@code OPSQ2001}) instead of defaulting it (REFERENCE §14.2).
 */
final class KisEndpoints {
    private final KisSettings settings;
    private final TrIds trIds;

    KisEndpoints(KisSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.trIds = new TrIds(settings.env(), settings.trIdSet());
    }

    /** {@code order-cash}: a cash buy or sell. */
    KisRequest cashOrder(OrderRequest order) {
        Objects.requireNonNull(order, "order");
        Map<String, String> body = account();
        body.put("PDNO", order.symbol());
        body.put("ORD_DVSN", order.ordDvsn());
        body.put("ORD_QTY", Long.toString(order.qty()));
        body.put("ORD_UNPR", order.ordUnpr());
        if (trIds.set() == TrIdSet.NEW) {
            body.put("EXCG_ID_DVSN_CD", "KRX");
            body.put("SLL_TYPE", order.side() == Side.SELL ? "01" : "");
            body.put("CNDT_PRIC", "");
        }
        String trId = trIds.of(order.side() == Side.BUY ? TrIds.Tr.ORDER_BUY : TrIds.Tr.ORDER_SELL);
        return KisRequest.of(KisOperation.ORDER_CASH, trId, body);
    }

    /**
     * {@code order-rvsecncl}.
     *
     * @param rvseCnclDvsnCd {@code 01} modify, {@code 02} cancel
     * @param qty            0 = all remaining quantity
     */
    KisRequest rvsecncl(OrderAddress original, String rvseCnclDvsnCd, String ordDvsn, long qty, BigDecimal price) {
        Objects.requireNonNull(original, "original");
        Map<String, String> body = account();
        body.put("KRX_FWDG_ORD_ORGNO", original.branch());
        body.put("ORGN_ODNO", original.odno());
        body.put("ORD_DVSN", ordDvsn);
        body.put("RVSE_CNCL_DVSN_CD", rvseCnclDvsnCd);
        body.put("ORD_QTY", Long.toString(qty));
        body.put("ORD_UNPR", price.stripTrailingZeros().toPlainString());
        body.put("QTY_ALL_ORD_YN", qty == 0 ? "Y" : "N");
        if (trIds.set() == TrIdSet.NEW) {
            body.put("EXCG_ID_DVSN_CD", "KRX");
            body.put("CNDT_PRIC", "");
        }
        return KisRequest.of(KisOperation.ORDER_RVSECNCL, trIds.of(TrIds.Tr.ORDER_RVSECNCL), body);
    }

    /** Whether this environment offers {@code inquire-psbl-rvsecncl} (paper does not). */
    boolean offersOpenOrders() {
        return trIds.offered(TrIds.Tr.INQUIRE_PSBL_RVSECNCL);
    }

    /**
     * {@code inquire-psbl-rvsecncl}, first page.
     *
     * @param side one side only ({@code INQR_DVSN_2} 1 sell / 2 buy), or null for both (0)
     */
    KisRequest openOrders(Side side) {
        Map<String, String> p = account();
        p.put("CTX_AREA_FK100", "");
        p.put("CTX_AREA_NK100", "");
        p.put("INQR_DVSN_1", "1");
        p.put("INQR_DVSN_2", side == null ? "0" : side == Side.SELL ? "1" : "2");
        return KisRequest.of(KisOperation.INQUIRE_PSBL_RVSECNCL, trIds.of(TrIds.Tr.INQUIRE_PSBL_RVSECNCL), p);
    }

    /**
     * {@code inquire-daily-ccld}, first page of each segment: a range reaching back past the three-month
     * boundary (month-based: the first day of the month three months before {@code today}) is split
     * between the older-period TR id and the recent one.
     */
    List<KisRequest> dailyOrders(DailyOrderQuery q, LocalDate today) {
        Objects.requireNonNull(q, "query");
        LocalDate boundary = today.withDayOfMonth(1).minusMonths(3);
        List<KisRequest> out = new ArrayList<>();
        if (q.from().isBefore(boundary)) {
            DailyOrderQuery old = q.withRange(q.from(), q.to().isBefore(boundary) ? q.to() : boundary.minusDays(1));
            out.add(daily(TrIds.Tr.DAILY_CCLD_OLD, old));
        }
        if (!q.to().isBefore(boundary)) {
            out.add(daily(
                    TrIds.Tr.DAILY_CCLD_RECENT,
                    q.withRange(q.from().isBefore(boundary) ? boundary : q.from(), q.to())));
        }
        return out;
    }

    private KisRequest daily(TrIds.Tr tr, DailyOrderQuery q) {
        Map<String, String> p = account();
        p.put("INQR_STRT_DT", KoreaTime.formatDate(q.from()));
        p.put("INQR_END_DT", KoreaTime.formatDate(q.to()));
        p.put("SLL_BUY_DVSN_CD", q.side() == null ? "00" : q.side().kisCode());
        p.put("INQR_DVSN", "00");
        p.put("PDNO", q.symbol());
        p.put("CCLD_DVSN", q.fill().code());
        p.put("ORD_GNO_BRNO", "");
        p.put("ODNO", q.odno());
        p.put("INQR_DVSN_3", "00");
        p.put("INQR_DVSN_1", "");
        p.put("CTX_AREA_FK100", "");
        p.put("CTX_AREA_NK100", "");
        if (trIds.set() == TrIdSet.NEW) {
            p.put("EXCG_ID_DVSN_CD", "ALL");
        }
        return KisRequest.of(KisOperation.INQUIRE_DAILY_CCLD, trIds.of(tr), p);
    }

    /** {@code inquire-balance}, first page. */
    KisRequest balance() {
        Map<String, String> p = account();
        p.put("AFHR_FLPR_YN", "N");
        p.put("OFL_YN", "");
        p.put("INQR_DVSN", "02");
        p.put("UNPR_DVSN", "01");
        p.put("FUND_STTL_ICLD_YN", "N");
        p.put("FNCG_AMT_AUTO_RDPT_YN", "N");
        p.put("PRCS_DVSN", "00");
        p.put("CTX_AREA_FK100", "");
        p.put("CTX_AREA_NK100", "");
        return KisRequest.of(KisOperation.INQUIRE_BALANCE, trIds.of(TrIds.Tr.BALANCE), p);
    }

    private Map<String, String> account() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("CANO", settings.account().cano());
        p.put("ACNT_PRDT_CD", settings.account().productCode());
        return p;
    }
}
