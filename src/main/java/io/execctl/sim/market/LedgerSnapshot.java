package io.execctl.sim.market;

import java.math.BigDecimal;
import java.util.List;

/**
 * GET /sim/ledger, in exactly this shape (issue #3) so that external checkers can read it:
 * <pre>{"account":"50000001-01","cash":"&lt;decimal&gt;","orders":[{"order_date":"YYYYMMDD","branch":"06590",
 * "odno":"0000000001","orig_odno":"","symbol":"005930","side":"BUY|SELL","ord_dvsn":"01","qty":10,
 * "price":"0","status":"OPEN|FILLED|CANCELLED|REJECTED|EXPIRED","filled_qty":10,"cancelled_qty":0,
 * "source":"API|HTS","executions":[{"qty":3,"price":"72000","time":"093015"}]}],
 * "holdings":[{"symbol":"005930","qty":10,"avg_price":"72000"}]}</pre>
 * Quantities are JSON numbers; prices and cash are decimal strings.
 */
public record LedgerSnapshot(String account, BigDecimal cash, List<OrderRecord> orders, List<HoldingRecord> holdings) {}
