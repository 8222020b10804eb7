package io.execctl.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.domain.Side;
import io.execctl.sim.market.OrderResult;
import io.execctl.sim.market.PlaceOrder;
import io.execctl.sim.market.ReviseCancel;
import io.execctl.sim.market.SimBroker;
import io.execctl.sim.market.Source;

import static io.execctl.sim.http.Input.account;
import static io.execctl.sim.http.Input.body;
import static io.execctl.sim.http.Input.digits;
import static io.execctl.sim.http.Input.exchange;
import static io.execctl.sim.http.Input.invalid;
import static io.execctl.sim.http.Input.matches;
import static io.execctl.sim.http.Input.number;
import static io.execctl.sim.http.Input.str;

/** order-cash and order-rvsecncl: body shape checks here, business rules in the broker. */
final class OrderApi {
    private final RestConfig config;
    private final SimBroker broker;

    OrderApi(RestConfig config, SimBroker broker) {
        this.config = config;
        this.broker = broker;
    }

    /** An order endpoint's reply and whether the broker accepted the request (for after-accept faults). */
    record OrderReply(Reply reply, boolean accepted) {}

    OrderReply orderCash(KisRequest req) {
        try {
            JsonNode b = body(req);
            account(config, str(b, "CANO", true), str(b, "ACNT_PRDT_CD", true));
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
        } catch (Input.BadRequest e) {
            return new OrderReply(Reply.kis(200, Input.RT_CD, e.msgCd, e.getMessage()), false);
        }
    }

    OrderReply orderRvsecncl(KisRequest req) {
        try {
            JsonNode b = body(req);
            account(config, str(b, "CANO", true), str(b, "ACNT_PRDT_CD", true));
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
        } catch (Input.BadRequest e) {
            return new OrderReply(Reply.kis(200, Input.RT_CD, e.msgCd, e.getMessage()), false);
        }
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
        return new OrderReply(Reply.kis(200, rtCd(x.msgCd()), x.msgCd(), x.msg1()), false);
    }

    /**
     * KIS answers business rejections of the real order system ({@code APBK…}, {@code APAC…}) with
     * {@code rt_cd "7"}, input errors ({@code OPSQ…}) with {@code "2"}; paper's numeric codes come with
     * {@code "1"} (REFERENCE.md §4, §14.2).
     */
    static String rtCd(String msgCd) {
        if (msgCd.startsWith("APBK") || msgCd.startsWith("APAC")) {
            return "7";
        }
        if (msgCd.startsWith("OPSQ")) {
            return Input.RT_CD;
        }
        return "1";
    }
}
