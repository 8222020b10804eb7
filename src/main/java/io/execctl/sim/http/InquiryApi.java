package io.execctl.sim.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.domain.Side;
import io.execctl.sim.market.AccountSummary;
import io.execctl.sim.market.HoldingRecord;
import io.execctl.sim.market.OrderRecord;
import io.execctl.sim.market.SimBroker;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import static io.execctl.sim.http.Input.account;
import static io.execctl.sim.http.Input.check;
import static io.execctl.sim.http.Input.date;
import static io.execctl.sim.http.Input.invalid;
import static io.execctl.sim.http.Input.matches;
import static io.execctl.sim.http.Input.orDefault;
import static io.execctl.sim.http.Input.required;

/** The three inquiries (open orders, daily executions, balance): query checks, filters and paging. */
final class InquiryApi {
    private static final long MAX_RANGE_DAYS = 366;

    private final RestConfig config;
    private final SimBroker broker;
    private final Totals totals;
    private final InquiryFaultView faultView;
    private final Dice lastPageDice;

    InquiryApi(RestConfig config, SimBroker broker, long seed) {
        this(config, broker, seed, new InquiryFaultView(() -> Faults.NONE, broker, config.paper(), seed));
    }

    /** With {@code faultView} applying the inquiry faults (lag, stale totals, paper's empty output1). */
    InquiryApi(RestConfig config, SimBroker broker, long seed, InquiryFaultView faultView) {
        this.config = config;
        this.broker = broker;
        this.totals = new Totals(config);
        this.faultView = faultView;
        this.lastPageDice = new Dice(seed ^ 0x1A57_9A6EL);
    }

    Reply openOrders(KisRequest req, BooleanSupplier dataChanged) {
        if (config.paper()) {
            return Reply.kis(200, "1", "90000000", "모의투자에서는 해당업무가 제공되지 않습니다.");
        }
        try {
            required(req);
            account(config, req.param("CANO"), req.param("ACNT_PRDT_CD"));
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
            for (OrderRecord o :
                    faultView.openOrders(broker.orders(broker.clock().tradingDate()))) {
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
        } catch (Input.BadRequest e) {
            return Reply.kis(200, Input.RT_CD, e.msgCd, e.getMessage());
        }
    }

    Reply dailyCcld(KisRequest req, BooleanSupplier dataChanged) {
        try {
            required(req);
            account(config, req.param("CANO"), req.param("ACNT_PRDT_CD"));
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
            String exchange = orDefault(req.param("EXCG_ID_DVSN_CD"), "KRX"); // added later: optional, KRX
            if (!matches(exchange, "KRX|NXT|SOR|ALL")) {
                throw invalid("EXCG_ID_DVSN_CD");
            }
            List<OrderRecord> rows = new ArrayList<>();
            for (LocalDate d = from; !d.isAfter(to) && !exchange.equals("NXT"); d = d.plusDays(1)) {
                for (OrderRecord o : faultView.dailyCcld(broker.orders(d))) {
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
            ObjectNode totals = this.totals.dailyCcld(rows);
            if (faultView.emptyOutput1()) {
                return FaultReplies.paperCcldEmpty(totals);
            }
            return paged(req, rows, config.dailyCcldPageSize(), dataChanged, page -> {
                ObjectNode out = Json.object();
                ArrayNode arr = out.putArray("output1");
                page.forEach(o -> arr.add(Rows.dailyCcld(o)));
                out.set("output2", totals);
                return out;
            });
        } catch (Input.BadRequest e) {
            return Reply.kis(200, Input.RT_CD, e.msgCd, e.getMessage());
        }
    }

    Reply balance(KisRequest req, BooleanSupplier dataChanged) {
        try {
            required(req);
            account(config, req.param("CANO"), req.param("ACNT_PRDT_CD"));
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
                out.putArray("output2").add(Totals.summary(a));
                return out;
            });
        } catch (Input.BadRequest e) {
            return Reply.kis(200, Input.RT_CD, e.msgCd, e.getMessage());
        }
    }

    private <T> Reply paged(
            KisRequest req,
            List<T> rows,
            int pageSize,
            BooleanSupplier dataChanged,
            Function<List<T>, ObjectNode> render) {
        List<String> values = new ArrayList<>();
        for (String key : req.endpoint().requiredKeys()) {
            if (!key.startsWith("CTX_AREA_")) {
                values.add(req.param(key).trim());
            }
        }
        String conditions = Paging.conditions(values);
        String fk = req.param("CTX_AREA_FK100");
        String nk = req.param("CTX_AREA_NK100");
        boolean continuation = "N".equalsIgnoreCase(req.trCont().trim()) && !nk.isBlank();
        Paging.Start start = Paging.start(
                req.trCont(), fk, nk, conditions, broker.activityVersion(), continuation && dataChanged.getAsBoolean());
        if (start instanceof Paging.Start.Refused r) {
            return Reply.kis(200, "1", r.msgCd(), r.msg1());
        }
        Paging.Page<T> page = Paging.page(rows, (Paging.Start.At) start, pageSize, conditions, lastPageDice.roll(0.5));
        ObjectNode body = Json.object();
        body.put("ctx_area_fk100", page.fk100());
        body.put("ctx_area_nk100", page.nk100());
        ObjectNode rendered = render.apply(page.rows());
        body.put("rt_cd", "0");
        if (config.paper()) {
            if (rows.isEmpty()) {
                body.put("msg_cd", "70070000");
                body.put("msg1", "조회할 내역(자료)이 없습니다.");
            } else {
                body.put("msg_cd", "20310000");
                body.put("msg1", KisText.padded("모의투자 조회가 완료되었습니다."));
            }
        } else if (page.rows().isEmpty()) {
            body.put("msg_cd", "KIOK0560");
            body.put("msg1", KisText.padded("조회할 내용이 없습니다"));
        } else if (page.continued() && page.nk100().isBlank()) {
            body.put("msg_cd", "KIOK0460");
            body.put("msg1", KisText.padded("조회 되었습니다. (마지막 자료)"));
        } else {
            body.put("msg_cd", "KIOK0510");
            body.put("msg1", KisText.padded("조회가 완료되었습니다"));
        }
        body.setAll(rendered);
        return Reply.json(200, body, page.trCont());
    }

    private static boolean sideMatches(Side side, String code) {
        return "00".equals(code) || side.kisCode().equals(code);
    }
}
