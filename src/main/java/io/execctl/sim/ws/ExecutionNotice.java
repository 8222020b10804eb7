package io.execctl.sim.ws;

import java.util.List;
import java.util.Objects;

/**
 * One H0STCNI0/H0STCNI9 execution-notice record as KIS sends it, field by field (REFERENCE.md §9.3,
 * the 26-field layout). The matching engine builds these; {@code NoticeFeed} encrypts and fans them
 * out to the subscribed WebSocket sessions of the HTS id.
 *
 * <p>All values are strings exactly as they go on the wire (zero-padded numbers, {@code HHmmss}).
 */
public record ExecutionNotice(
        String custId, // 0 CUST_ID (HTS id)
        String acntNo, // 1 ACNT_NO
        String oderNo, // 2 ODER_NO
        String ooderNo, // 3 OODER_NO
        String selnByovCls, // 4 SELN_BYOV_CLS 01 sell / 02 buy
        String rctfCls, // 5 RCTF_CLS 0 normal / 1 modify / 2 cancel
        String oderKind, // 6 ODER_KIND (ORD_DVSN)
        String oderCond, // 7 ODER_COND
        String stckShrnIscd, // 8 STCK_SHRN_ISCD
        String cntgQty, // 9 CNTG_QTY
        String cntgUnpr, // 10 CNTG_UNPR
        String stckCntgHour, // 11 STCK_CNTG_HOUR HHmmss
        String rfusYn, // 12 RFUS_YN 0/1
        String cntgYn, // 13 CNTG_YN 1 ack / 2 fill
        String acptYn, // 14 ACPT_YN 1/2/3
        String brncNo, // 15 BRNC_NO
        String oderQty, // 16 ODER_QTY
        String acntName, // 17 ACNT_NAME
        String ordCondPrc, // 18 ORD_COND_PRC
        String ordExgGb, // 19 ORD_EXG_GB
        String popupYn, // 20 POPUP_YN
        String filler, // 21 FILLER
        String crdtCls, // 22 CRDT_CLS
        String crdtLoanDate, // 23 CRDT_LOAN_DATE
        String cntgIsnm40, // 24 CNTG_ISNM40
        String oderPrc) { // 25 ODER_PRC

    public ExecutionNotice {
        Objects.requireNonNull(custId, "custId");
        Objects.requireNonNull(oderNo, "oderNo");
        Objects.requireNonNull(cntgYn, "cntgYn");
        // Fields KIS leaves empty may be given as null; on the wire they are empty strings.
        acntNo = orEmpty(acntNo);
        ooderNo = orEmpty(ooderNo);
        selnByovCls = orEmpty(selnByovCls);
        rctfCls = orEmpty(rctfCls);
        oderKind = orEmpty(oderKind);
        oderCond = orEmpty(oderCond);
        stckShrnIscd = orEmpty(stckShrnIscd);
        cntgQty = orEmpty(cntgQty);
        cntgUnpr = orEmpty(cntgUnpr);
        stckCntgHour = orEmpty(stckCntgHour);
        rfusYn = orEmpty(rfusYn);
        acptYn = orEmpty(acptYn);
        brncNo = orEmpty(brncNo);
        oderQty = orEmpty(oderQty);
        acntName = orEmpty(acntName);
        ordCondPrc = orEmpty(ordCondPrc);
        ordExgGb = orEmpty(ordExgGb);
        popupYn = orEmpty(popupYn);
        filler = orEmpty(filler);
        crdtCls = orEmpty(crdtCls);
        crdtLoanDate = orEmpty(crdtLoanDate);
        cntgIsnm40 = orEmpty(cntgIsnm40);
        oderPrc = orEmpty(oderPrc);
        for (String f : new String[] {
            custId,
            acntNo,
            oderNo,
            ooderNo,
            selnByovCls,
            rctfCls,
            oderKind,
            oderCond,
            stckShrnIscd,
            cntgQty,
            cntgUnpr,
            stckCntgHour,
            rfusYn,
            cntgYn,
            acptYn,
            brncNo,
            oderQty,
            acntName,
            ordCondPrc,
            ordExgGb,
            popupYn,
            filler,
            crdtCls,
            crdtLoanDate,
            cntgIsnm40,
            oderPrc
        }) {
            if (f.indexOf('^') >= 0 || f.indexOf('|') >= 0) {
                throw new IllegalArgumentException("notice fields must not contain '^' or '|' (the record separators)");
            }
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The 26 fields in wire order (the current layout). */
    public List<String> fields26() {
        return List.of(
                custId,
                acntNo,
                oderNo,
                ooderNo,
                selnByovCls,
                rctfCls,
                oderKind,
                oderCond,
                stckShrnIscd,
                cntgQty,
                cntgUnpr,
                stckCntgHour,
                rfusYn,
                cntgYn,
                acptYn,
                brncNo,
                oderQty,
                acntName,
                ordCondPrc,
                ordExgGb,
                popupYn,
                filler,
                crdtCls,
                crdtLoanDate,
                cntgIsnm40,
                oderPrc);
    }

    /**
     * The 23-field layout paper sends (REFERENCE.md §9.3/§14.2, measured on paper 2026-08-19): 0–17 as above,
     * then {@code "1Y"} (ORD_EXG_GB and POPUP_YN run together), CRDT_CLS ({@code "10"}), CRDT_LOAN_DATE (blank),
     * the stock name and ODER_PRC. Neither documented 23-field tail matches it exactly; a client must read
     * 0–17 by position and the price from the last field.
     */
    public List<String> fields23() {
        return List.of(
                custId,
                acntNo,
                oderNo,
                ooderNo,
                selnByovCls,
                rctfCls,
                oderKind,
                oderCond,
                stckShrnIscd,
                cntgQty,
                cntgUnpr,
                stckCntgHour,
                rfusYn,
                cntgYn,
                acptYn,
                brncNo,
                oderQty,
                acntName,
                ordExgGb + popupYn,
                crdtCls,
                crdtLoanDate,
                cntgIsnm40,
                oderPrc);
    }
}
