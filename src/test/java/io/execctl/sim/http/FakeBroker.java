package io.execctl.sim.http;

import io.execctl.domain.KoreaTime;
import io.execctl.domain.Side;
import io.execctl.sim.market.AccountSummary;
import io.execctl.sim.market.HoldingRecord;
import io.execctl.sim.market.LedgerSnapshot;
import io.execctl.sim.market.OrderRecord;
import io.execctl.sim.market.OrderResult;
import io.execctl.sim.market.PlaceOrder;
import io.execctl.sim.market.ReviseCancel;
import io.execctl.sim.market.SessionClock;
import io.execctl.sim.market.SimBroker;
import io.execctl.sim.market.Source;
import io.execctl.sim.ws.ExecutionNotice;
import io.execctl.sim.ws.NoticeFeed;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test double of the <em>broker</em> (not of the HTTP layer under test): market orders fill at once
 * at the current price, limit orders rest until a price is set across them. Just enough book-keeping
 * for the REST layer's tests; the real matching engine is {@code sim.market}.
 */
final class FakeBroker implements SimBroker {
    static final LocalDate DATE = LocalDate.of(2026, 11, 24);
    private final NoticeFeed feed;
    private final boolean paper;
    private final Map<String, Long> prices = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Long> held = new LinkedHashMap<>();
    private BigDecimal cash = new BigDecimal("100000000");
    private long version;
    private boolean open = true;
    private LocalTime time = LocalTime.of(9, 0);

    private static final class Row {
        final String odno;
        final String orig;
        final String symbol;
        final Side side;
        final String ordDvsn;
        final long qty;
        final long price;
        final String rvse;
        final Source source;
        String status = "OPEN";
        long filled;
        long amount;
        long cancelled;
        final List<OrderRecord.Execution> executions = new ArrayList<>();

        Row(
                String odno,
                String orig,
                String symbol,
                Side side,
                String ordDvsn,
                long qty,
                long price,
                String rvse,
                Source source) {
            this.odno = odno;
            this.orig = orig;
            this.symbol = symbol;
            this.side = side;
            this.ordDvsn = ordDvsn;
            this.qty = qty;
            this.price = price;
            this.rvse = rvse;
            this.source = source;
        }

        long remaining() {
            return "OPEN".equals(status) && rvse.isEmpty() ? qty - filled - cancelled : 0;
        }
    }

    FakeBroker(NoticeFeed feed, boolean paper) {
        this.feed = feed;
        this.paper = paper;
        reset();
    }

    private String branch() {
        return paper ? "00950" : "06590";
    }

    @Override
    public synchronized OrderResult placeOrder(PlaceOrder req) {
        if (!prices.containsKey(req.symbol())) {
            return new OrderResult.Rejected("APBK0656", "해당 종목정보가 없습니다.");
        }
        if (!open) {
            return new OrderResult.Rejected("APBK0919", "장운영시간이 아닙니다.");
        }
        if (req.qty() <= 0) {
            return new OrderResult.Rejected("APBK0506", "주문수량을 확인하세요.");
        }
        Row r = new Row(
                String.format("%010d", rows.size() + 1),
                "",
                req.symbol(),
                req.side(),
                req.ordDvsn(),
                req.qty(),
                req.price(),
                "",
                req.source());
        rows.add(r);
        version++;
        notice(r, "1", r.qty, r.price);
        match(r);
        return new OrderResult.Accepted(
                branch(),
                r.odno,
                hhmmss(),
                paper ? "40600000" : "APBK0013",
                paper ? "모의투자 매수주문이 완료 되었습니다." : "주문 전송 완료 되었습니다.");
    }

    @Override
    public synchronized OrderResult reviseOrCancel(ReviseCancel req) {
        Row orig = rows.stream()
                .filter(x -> Long.parseLong(x.odno) == Long.parseLong(req.origOdno()))
                .findFirst()
                .orElse(null);
        if (orig == null) {
            return new OrderResult.Rejected("40320000", "원주문번호가 존재하지 않습니다");
        }
        long left = orig.remaining();
        if (left == 0) {
            return new OrderResult.Rejected("40330000", "정정/취소할 수량이 없습니다");
        }
        long qty = req.all() ? left : req.qty();
        if (qty > left) {
            return new OrderResult.Rejected("40430000", "취소수량이 취소가능수량을 초과합니다");
        }
        Row c = new Row(
                String.format("%010d", rows.size() + 1),
                orig.odno,
                orig.symbol,
                orig.side,
                req.ordDvsn(),
                qty,
                req.price(),
                req.cancel() ? "02" : "01",
                req.source());
        c.status = "FILLED";
        rows.add(c);
        orig.cancelled += qty;
        if (orig.remaining() == 0) {
            orig.status = orig.filled > 0 ? "FILLED" : "CANCELLED";
        }
        version++;
        notice(c, "1", qty, 0);
        return new OrderResult.Accepted(branch(), c.odno, hhmmss(), "APBK0013", "주문 전송 완료 되었습니다.");
    }

    private void match(Row r) {
        long p = prices.get(r.symbol);
        boolean cross = "01".equals(r.ordDvsn) || (r.side == Side.BUY ? r.price >= p : r.price <= p);
        if (!cross || r.remaining() == 0) {
            return;
        }
        long q = r.remaining();
        if (r.side == Side.SELL && held.getOrDefault(r.symbol, 0L) < q) {
            return;
        }
        r.filled += q;
        r.amount += q * p;
        r.executions.add(new OrderRecord.Execution(q, p, hhmmss()));
        r.status = "FILLED";
        long signed = r.side == Side.BUY ? q : -q;
        held.merge(r.symbol, signed, Long::sum);
        cash = cash.subtract(BigDecimal.valueOf(signed * p));
        version++;
        notice(r, "2", q, p);
    }

    private void notice(Row r, String cntgYn, long qty, long price) {
        feed.publish(new ExecutionNotice(
                "demo",
                "5000000101",
                r.odno,
                r.orig,
                r.side.kisCode(),
                r.rvse.isEmpty() ? "0" : r.rvse.substring(1),
                r.ordDvsn,
                "0",
                r.symbol,
                Long.toString(qty),
                Long.toString(price),
                hhmmss(),
                "0",
                cntgYn,
                "2",
                branch(),
                Long.toString(r.qty),
                "데모",
                "0",
                "1",
                "Y",
                "",
                "10",
                "",
                "종목",
                Long.toString(r.price)));
    }

    private String hhmmss() {
        return KoreaTime.formatTime(time);
    }

    @Override
    public synchronized List<OrderRecord> orders(LocalDate orderDate) {
        if (!orderDate.equals(DATE)) {
            return List.of();
        }
        List<OrderRecord> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new OrderRecord(
                    DATE,
                    branch(),
                    r.odno,
                    r.orig,
                    r.symbol,
                    "종목" + r.symbol,
                    r.side,
                    r.ordDvsn,
                    r.qty,
                    r.price,
                    "090000",
                    r.status,
                    r.filled,
                    r.amount,
                    r.cancelled,
                    0,
                    r.remaining(),
                    r.rvse,
                    r.source,
                    List.copyOf(r.executions)));
        }
        return out;
    }

    @Override
    public synchronized List<HoldingRecord> holdings() {
        List<HoldingRecord> out = new ArrayList<>();
        held.forEach((s, q) -> out.add(new HoldingRecord(
                s, "종목" + s, q, q, BigDecimal.valueOf(prices.get(s)), q * prices.get(s), prices.get(s), q, 0, 0, 0)));
        return out;
    }

    @Override
    public synchronized AccountSummary account() {
        long evlu = held.entrySet().stream()
                .mapToLong(e -> e.getValue() * prices.get(e.getKey()))
                .sum();
        return new AccountSummary(cash, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, evlu, evlu);
    }

    @Override
    public synchronized long activityVersion() {
        return version;
    }

    @Override
    public SessionClock clock() {
        boolean o;
        LocalTime t;
        synchronized (this) {
            o = open;
            t = time;
        }
        return new SessionClock() {
            public LocalDate tradingDate() {
                return DATE;
            }

            public LocalTime time() {
                return t;
            }

            public boolean marketOpen() {
                return o;
            }
        };
    }

    @Override
    public synchronized void openSession() {
        open = true;
    }

    @Override
    public synchronized void closeSession() {
        open = false;
    }

    @Override
    public synchronized void advance(Duration d) {
        time = time.plus(d);
    }

    @Override
    public synchronized void setPrice(String symbol, long price) {
        prices.put(symbol, price);
        for (Row r : List.copyOf(rows)) {
            if (r.symbol.equals(symbol)) {
                match(r);
            }
        }
    }

    @Override
    public synchronized Map<String, Long> prices() {
        return Map.copyOf(prices);
    }

    @Override
    public synchronized LedgerSnapshot ledger() {
        return new LedgerSnapshot("50000001-01", cash, orders(DATE), holdings());
    }

    @Override
    public synchronized void reset() {
        prices.clear();
        prices.put("005930", 72000L);
        prices.put("000660", 180000L);
        rows.clear();
        held.clear();
        cash = new BigDecimal("100000000");
        version = 0;
        open = true;
    }
}
