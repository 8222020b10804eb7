package io.execctl.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.Side;
import io.execctl.sim.market.AccountSummary;
import io.execctl.sim.market.HoldingRecord;
import io.execctl.sim.market.OrderRecord;
import io.execctl.sim.market.OrderResult;
import io.execctl.sim.market.PlaceOrder;
import io.execctl.sim.market.ReviseCancel;
import io.execctl.sim.market.SimBroker;
import io.execctl.sim.market.Source;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The five trading endpoints: request shape checks here, business rules in the broker, KIS field
 * names and string values on the way out.
 */
final class TradingApi {
    /** Shape errors (simulator's choice of codes, in KIS's OPSQ family for input errors). */
    static final String ACCOUNT_INVALID = "OPSQ2000";

    static final String FIELD_MISSING = "OPSQ2001";
    static final String FIELD_INVALID = "OPSQ2002";

    private static final long MAX_RANGE_DAYS = 366;

    private final RestConfig config;
    private final SimBroker broker;

    TradingApi(RestConfig config, SimBroker broker) {
        this.config = config;
        this.broker = broker;
    }

    /** An order endpoint's reply and whether the broker accepted the request (for after-accept faults). */
    record OrderReply(Reply reply, boolean accepted) {}

    private static final class BadRequest extends RuntimeException {
        final String msgCd;

        BadRequest(String msgCd, String msg) {
            super(msg, null, false, false);
            this.msgCd = msgCd;
        }
    }

    OrderReply orderCash(KisRequest req) {
        try {
            JsonNode b = body(req);
            account(str(b, "CANO", true), str(b, "ACNT_PRDT_CD", true));
            String pdno = str(b, "PDNO", true);
            if (!matches(pdno, "[A-Z0-9]{6,7}")) {
                throw invalid("PDNO");
            }
            String ordDvsn = digits(b, "ORD_DVSN", 2);
            long qty = number(b, "ORD_QTY");
            long price = number(b, "ORD_UNPR");
            exchange(b);
            str(b, "SLL_TYPE", false);
            str(b, "CNDT_PRIC", false);
            Side side = KisEndpoint.orderSide(req.trId());
            OrderResult r = broker.placeOrder(new PlaceOrder(pdno, side, ordDvsn, qty, price, Source.API));
            return orderResult(r);
        } catch (BadRequest e) {
            return new OrderReply(Reply.kis(200, "1", e.msgCd, e.getMessage()), false);
        }
    }

    OrderReply orderRvsecncl(KisRequest req) {
        try {
            JsonNode b = body(req);
            account(str(b, "CANO", true), str(b, "ACNT_PRDT_CD", true));
            String branch = digits(b, "KRX_FWDG_ORD_ORGNO", -1);
            String orig = digits(b, "ORGN_ODNO", -1);
            String ordDvsn = digits(b, "ORD_DVSN", 2);
            String dvsn = str(b, "RVSE_CNCL_DVSN_CD", true);
            if (!dvsn.equals("01") && !dvsn.equals("02")) {
                throw invalid("RVSE_CNCL_DVSN_CD");
            }
            long qty = number(b, "ORD_QTY");
            long price = number(b, "ORD_UNPR");
            String all = str(b, "QTY_ALL_ORD_YN", true);
            if (!all.equals("Y") && !all.equals("N")) {
                throw invalid("QTY_ALL_ORD_YN");
            }
            exchange(b);
            str(b, "CNDT_PRIC", false);
            boolean cancel = dvsn.equals("02");
            OrderResult r = broker.reviseOrCancel(new ReviseCancel(
                    branch, orig, cancel, ordDvsn, qty, all.equals("Y"), cancel ? 0 : price, Source.API));
            return orderResult(r);
        } catch (BadRequest e) {
            return new OrderReply(Reply.kis(200, "1", e.msgCd, e.getMessage()), false);
        }
    }

    Reply openOrders(KisRequest req, BooleanSupplier dataChanged) {
        if (config.paper()) {
            return Reply.kis(200, "1", "90000000", "모의투자에서는 해당업무가 제공되지 않습니다.");
        }
        try {
            account(req.param("CANO"), req.param("ACNT_PRDT_CD"));
            String side = req.param("INQR_DVSN_2").isBlank()
                    ? "0"
                    : req.param("INQR_DVSN_2").trim();
            if (!matches(side, "[012]")) {
                throw invalid("INQR_DVSN_2");
            }
            String dvsn1 = req.param("INQR_DVSN_1").trim();
            if (!dvsn1.isEmpty() && !matches(dvsn1, "[012]")) {
                throw invalid("INQR_DVSN_1");
            }
            List<OrderRecord> rows = new ArrayList<>();
            for (OrderRecord o : broker.orders(broker.clock().tradingDate())) {
                if ("OPEN".equals(o.status())
                        && o.remainingQty() > 0
                        && sideMatches(o.side(), side.equals("0") ? "00" : "0" + side)) {
                    rows.add(o);
                }
            }
            if ("2".equals(dvsn1)) {
                rows.sort(Comparator.comparing(OrderRecord::symbol).thenComparing(OrderRecord::odno));
            }
            return paged(req, rows, config.openOrdersPageSize(), dataChanged, page -> {
                ObjectNode out = Json.object();
                ArrayNode arr = out.putArray("output");
                page.forEach(o -> arr.add(Rows.openOrder(o)));
                return out;
            });
        } catch (BadRequest e) {
            return Reply.kis(200, "1", e.msgCd, e.getMessage());
        }
    }

    Reply dailyCcld(KisRequest req, BooleanSupplier dataChanged) {
        try {
            account(req.param("CANO"), req.param("ACNT_PRDT_CD"));
            LocalDate from = date(req, "INQR_STRT_DT");
            LocalDate to = date(req, "INQR_END_DT");
            if (to.isBefore(from) || from.plusDays(MAX_RANGE_DAYS).isBefore(to)) {
                throw invalid("INQR_END_DT");
            }
            String side = orDefault(req.param("SLL_BUY_DVSN_CD"), "00");
            if (!matches(side, "0[012]")) {
                throw invalid("SLL_BUY_DVSN_CD");
            }
            String dir = orDefault(req.param("INQR_DVSN"), "00");
            if (!matches(dir, "0[01]")) {
                throw invalid("INQR_DVSN");
            }
            String ccld = orDefault(req.param("CCLD_DVSN"), "00");
            if (!matches(ccld, "0[012]")) {
                throw invalid("CCLD_DVSN");
            }
            String pdno = req.param("PDNO").trim();
            String odno = req.param("ODNO").trim();
            if (!odno.isEmpty() && !matches(odno, "\\d{1,10}")) {
                throw invalid("ODNO");
            }
            List<OrderRecord> rows = new ArrayList<>();
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                for (OrderRecord o : broker.orders(d)) {
                    if (!sideMatches(o.side(), side)
                            || (!pdno.isEmpty() && !pdno.equals(o.symbol()))
                            || (!odno.isEmpty() && Long.parseLong(odno) != Long.parseLong(o.odno()))
                            || ("01".equals(ccld) && o.filledQty() == 0)
                            || ("02".equals(ccld) && o.remainingQty() == 0)) {
                        continue;
                    }
                    rows.add(o);
                }
            }
            Comparator<OrderRecord> forward =
                    Comparator.comparing(OrderRecord::orderDate).thenComparing(OrderRecord::odno);
            rows.sort("01".equals(dir) ? forward : forward.reversed());
            ObjectNode totals = totals(rows);
            return paged(req, rows, config.dailyCcldPageSize(), dataChanged, page -> {
                ObjectNode out = Json.object();
                ArrayNode arr = out.putArray("output1");
                page.forEach(o -> arr.add(Rows.dailyCcld(o)));
                out.set("output2", totals);
                return out;
            });
        } catch (BadRequest e) {
            return Reply.kis(200, "1", e.msgCd, e.getMessage());
        }
    }

    Reply balance(KisRequest req, BooleanSupplier dataChanged) {
        try {
            account(req.param("CANO"), req.param("ACNT_PRDT_CD"));
            check(req, "AFHR_FLPR_YN", "[NYX]");
            check(req, "INQR_DVSN", "0[12]");
            check(req, "UNPR_DVSN", "01");
            check(req, "FUND_STTL_ICLD_YN", "[NY]");
            check(req, "FNCG_AMT_AUTO_RDPT_YN", "[NY]");
            check(req, "PRCS_DVSN", "0[01]");
            List<HoldingRecord> rows = new ArrayList<>(broker.holdings());
            AccountSummary a = broker.account();
            return paged(req, rows, config.balancePageSize(), dataChanged, page -> {
                ObjectNode out = Json.object();
                ArrayNode arr = out.putArray("output1");
                page.forEach(h -> arr.add(Rows.holding(h)));
                out.putArray("output2").add(summary(a));
                return out;
            });
        } catch (BadRequest e) {
            return Reply.kis(200, "1", e.msgCd, e.getMessage());
        }
    }

    private <T> Reply paged(
            KisRequest req,
            List<T> rows,
            int pageSize,
            BooleanSupplier dataChanged,
            Function<List<T>, ObjectNode> render) {
        String hash =
                Paging.queryHash(req.params()) + Long.toHexString(req.endpoint().ordinal());
        String fk = req.param("CTX_AREA_FK100");
        String nk = req.param("CTX_AREA_NK100");
        boolean continuation = "N".equalsIgnoreCase(req.trCont().trim()) && !fk.isBlank();
        Paging.Start start = Paging.start(
                req.trCont(), fk, nk, hash, broker.activityVersion(), continuation && dataChanged.getAsBoolean());
        if (start instanceof Paging.Start.Refused r) {
            return Reply.kis(200, "1", r.msgCd(), r.msg1());
        }
        Paging.Page<T> page = Paging.page(rows, (Paging.Start.At) start, pageSize, hash);
        ObjectNode body = Json.object();
        body.put("ctx_area_fk100", page.fk100());
        body.put("ctx_area_nk100", page.nk100());
        ObjectNode rendered = render.apply(page.rows());
        if (rows.isEmpty()) {
            body.put("rt_cd", "0");
            body.put("msg_cd", "70070000");
            body.put("msg1", "조회할 내역(자료)이 없습니다.");
        } else if (config.paper()) {
            body.put("rt_cd", "0");
            body.put("msg_cd", "20310000");
            body.put("msg1", "모의투자 조회가 완료되었습니다.");
        } else {
            body.put("rt_cd", "0");
            body.put("msg_cd", "KIOK0510");
            body.put("msg1", "조회가 완료되었습니다.");
        }
        body.setAll(rendered);
        return Reply.json(200, body, page.trCont());
    }

    private ObjectNode totals(List<OrderRecord> rows) {
        long ordQty = 0;
        long ccldQty = 0;
        long ccldAmt = 0;
        long costs = 0;
        long buyQty = 0;
        long buyAmt = 0;
        for (OrderRecord o : rows) {
            ordQty += o.qty();
            ccldQty += o.filledQty();
            ccldAmt += o.filledAmount();
            if (o.side() == Side.BUY) {
                buyQty += o.filledQty();
                buyAmt += o.filledAmount();
            }
            for (OrderRecord.Execution e : o.executions()) {
                BigDecimal amount = BigDecimal.valueOf(e.qty()).multiply(BigDecimal.valueOf(e.price()));
                costs += amount.multiply(config.feeRate())
                        .setScale(0, RoundingMode.DOWN)
                        .longValueExact();
                if (o.side() == Side.SELL) {
                    costs += amount.multiply(config.taxRate())
                            .setScale(0, RoundingMode.DOWN)
                            .longValueExact();
                }
            }
        }
        ObjectNode t = Json.object();
        t.put("tot_ord_qty", Long.toString(ordQty));
        t.put("tot_ccld_qty", Long.toString(ccldQty));
        t.put("tot_ccld_amt", Long.toString(ccldAmt));
        t.put("prsm_tlex_smtl", Long.toString(costs));
        t.put(
                "pchs_avg_pric",
                buyQty == 0
                        ? "0"
                        : BigDecimal.valueOf(buyAmt)
                                .divide(BigDecimal.valueOf(buyQty), 4, RoundingMode.HALF_UP)
                                .toPlainString());
        return t;
    }

    private static ObjectNode summary(AccountSummary a) {
        ObjectNode s = Json.object();
        String cash = Json.decimal(a.cash());
        long tlex =
                a.todayFees().add(a.todayTax()).setScale(0, RoundingMode.DOWN).longValueExact();
        BigDecimal total = a.cash().add(BigDecimal.valueOf(a.securitiesEvaluation()));
        s.put("dnca_tot_amt", cash);
        s.put("nxdy_excc_amt", cash);
        s.put("prvs_rcdl_excc_amt", cash);
        s.put("cma_evlu_amt", "0");
        s.put("bfdy_buy_amt", "0");
        s.put("thdt_buy_amt", Long.toString(a.todayBuyAmount()));
        s.put("nxdy_auto_rdpt_amt", "0");
        s.put("bfdy_sll_amt", "0");
        s.put("thdt_sll_amt", Long.toString(a.todaySellAmount()));
        s.put("d2_auto_rdpt_amt", "0");
        s.put("bfdy_tlex_amt", "0");
        s.put("thdt_tlex_amt", Long.toString(tlex));
        s.put("tot_loan_amt", "0");
        s.put("scts_evlu_amt", Long.toString(a.securitiesEvaluation()));
        s.put("tot_evlu_amt", Json.decimal(total));
        s.put("nass_amt", Json.decimal(total));
        s.put("fncg_gld_auto_rdpt_yn", "N");
        s.put("pchs_amt_smtl_amt", Long.toString(a.purchaseAmountTotal()));
        s.put("evlu_amt_smtl_amt", Long.toString(a.securitiesEvaluation()));
        s.put("evlu_pfls_smtl_amt", Long.toString(a.securitiesEvaluation() - a.purchaseAmountTotal()));
        s.put("tot_stln_slng_chgs", "0");
        s.put("bfdy_tot_asst_evlu_amt", "0");
        s.put("asst_icdc_amt", "0");
        s.put("asst_icdc_erng_rt", "0.00000000");
        return s;
    }

    private static OrderReply orderResult(OrderResult r) {
        if (r instanceof OrderResult.Accepted a) {
            ObjectNode body = Json.result("0", a.msgCd(), a.msg1());
            ObjectNode out = body.putObject("output");
            out.put("KRX_FWDG_ORD_ORGNO", a.branch());
            out.put("ODNO", a.odno());
            out.put("ORD_TMD", a.ordTmd());
            return new OrderReply(Reply.json(200, body), true);
        }
        OrderResult.Rejected x = (OrderResult.Rejected) r;
        return new OrderReply(Reply.kis(200, "1", x.msgCd(), x.msg1()), false);
    }

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    /** String.matches with the pattern compiled once. */
    private static boolean matches(String value, String regex) {
        return PATTERNS.computeIfAbsent(regex, Pattern::compile).matcher(value).matches();
    }

    private static boolean sideMatches(Side side, String code) {
        return "00".equals(code) || side.kisCode().equals(code);
    }

    private static String orDefault(String v, String def) {
        return v == null || v.isBlank() ? def : v.trim();
    }

    private static void check(KisRequest req, String name, String regex) {
        String v = req.param(name).trim();
        if (!v.isEmpty() && !matches(v, regex)) {
            throw invalid(name);
        }
    }

    private static LocalDate date(KisRequest req, String name) {
        String v = req.param(name).trim();
        if (v.isEmpty()) {
            throw missing(name);
        }
        try {
            return KoreaTime.parseDate(v);
        } catch (IllegalArgumentException e) {
            throw invalid(name);
        }
    }

    private void account(String cano, String prdt) {
        if (!config.cano().equals(cano == null ? "" : cano.trim())
                || !config.productCode().equals(prdt == null ? "" : prdt.trim())) {
            throw new BadRequest(ACCOUNT_INVALID, "ERROR : INPUT INVALID_CHECK_ACNO");
        }
    }

    private static JsonNode body(KisRequest req) {
        if (req.body() == null || !req.body().isObject()) {
            throw new BadRequest(FIELD_MISSING, "ERROR : INPUT BODY NOT FOUND (JSON 객체가 필요합니다)");
        }
        return req.body();
    }

    private static String str(JsonNode b, String field, boolean required) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw missing(field);
            }
            return "";
        }
        if (!v.isTextual()) {
            throw new BadRequest(FIELD_INVALID, "ERROR : INPUT FIELD TYPE INVALID [" + field + "] (문자열이어야 합니다)");
        }
        return v.asText();
    }

    private static String digits(JsonNode b, String field, int len) {
        String v = str(b, field, true);
        if (!matches(v, "\\d+") || (len > 0 && v.length() != len) || v.length() > 10) {
            throw invalid(field);
        }
        return v;
    }

    private static long number(JsonNode b, String field) {
        String v = digits(b, field, -1);
        return Long.parseLong(v);
    }

    private static void exchange(JsonNode b) {
        String ex = str(b, "EXCG_ID_DVSN_CD", false);
        if (!ex.isEmpty() && !ex.equals("KRX") && !ex.equals("SOR") && !ex.equals("NXT")) {
            throw invalid("EXCG_ID_DVSN_CD");
        }
    }

    private static BadRequest missing(String field) {
        return new BadRequest(FIELD_MISSING, "ERROR : INPUT FIELD NOT FOUND [" + field + "]");
    }

    private static BadRequest invalid(String field) {
        return new BadRequest(FIELD_INVALID, "ERROR : INPUT FIELD VALUE INVALID [" + field + "]");
    }
}
