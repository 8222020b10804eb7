package io.execctl.sim.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.domain.KoreaTime;
import io.execctl.sim.market.HoldingRecord;
import io.execctl.sim.market.LedgerSnapshot;
import io.execctl.sim.market.OrderRecord;

/** GET /sim/ledger in exactly the shape: quantities JSON numbers, prices and cash decimal strings. */
public final class LedgerJson {
    private LedgerJson() {}

    public static ObjectNode render(LedgerSnapshot l) {
        ObjectNode root = Json.object();
        root.put("account", l.account());
        root.put("cash", Json.decimal(l.cash()));
        ArrayNode orders = root.putArray("orders");
        for (OrderRecord o : l.orders()) {
            ObjectNode n = orders.addObject();
            n.put("order_date", KoreaTime.formatDate(o.orderDate()));
            n.put("branch", o.branch());
            n.put("odno", o.odno());
            n.put("orig_odno", o.origOdno() == null ? "" : o.origOdno());
            n.put("symbol", o.symbol());
            n.put("side", o.side().name());
            n.put("ord_dvsn", o.ordDvsn());
            n.put("qty", o.qty());
            n.put("price", Long.toString(o.price()));
            n.put("status", o.status());
            n.put("filled_qty", o.filledQty());
            n.put("cancelled_qty", o.cancelledQty());
            n.put("source", o.source().name());
            ArrayNode ex = n.putArray("executions");
            for (OrderRecord.Execution e : o.executions()) {
                ObjectNode en = ex.addObject();
                en.put("qty", e.qty());
                en.put("price", Long.toString(e.price()));
                en.put("time", e.time());
            }
        }
        ArrayNode holdings = root.putArray("holdings");
        for (HoldingRecord h : l.holdings()) {
            ObjectNode n = holdings.addObject();
            n.put("symbol", h.symbol());
            n.put("qty", h.qty());
            n.put("avg_price", Json.decimal(h.avgPrice()));
        }
        return root;
    }
}
