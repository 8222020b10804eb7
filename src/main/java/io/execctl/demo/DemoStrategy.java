package io.execctl.demo;

import io.execctl.domain.KrxTick;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A small seeded strategy for the demo. It does what a real strategy does through the contract
 * tables only: writes ENTRY intents, opens a position from the entry's fills (read from
 * {@code trade.orders}), exits part of it (EXIT_PARTIAL), then the rest (EXIT_FULL), applying each
 * exit's fills to the position, and starts again — market and limit orders across a handful of
 * symbols. Limit entries are sometimes priced far below the market, so an order stays working; one
 * intent off the price grid shows a refusal. Call {@link #step()} periodically.
 */
public final class DemoStrategy {
    /** One symbol the strategy trades and the price its limit prices are computed from. */
    public record Symbol(String code, long refPrice) {
        public Symbol {
            Objects.requireNonNull(code, "code");
            if (refPrice <= 0) {
                throw new IllegalArgumentException("refPrice must be > 0");
            }
        }
    }

    private enum Phase {
        FLAT,
        ENTERING,
        HOLDING,
        EXITING,
        /** a passive entry left working at the broker: the symbol is not traded any more */
        RESTING
    }

    private static final class Book {
        final Symbol symbol;
        Phase phase = Phase.FLAT;
        UUID positionId;
        UUID pendingIntent;
        long qty;
        boolean partlyExited;

        Book(Symbol symbol) {
            this.symbol = symbol;
        }
    }

    private final Jdbi jdbi;
    private final String accountId;
    private final Clock clock;
    private final Random random;
    private final List<Book> books = new ArrayList<>();
    private final String runTag;
    private int intents;
    private boolean invalidWritten;

    public DemoStrategy(Jdbi jdbi, String accountId, List<Symbol> symbols, long seed, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = new Random(seed);
        symbols.forEach(s -> books.add(new Book(s)));
        if (books.isEmpty()) {
            throw new IllegalArgumentException("at least one symbol");
        }
        this.runTag = "demo-" + seed + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Intents written so far. */
    public int intentsWritten() {
        return intents;
    }

    /** One beat: every symbol looks at its last intent's order and may write the next intent. */
    public void step() {
        for (Book b : books) {
            advance(b);
        }
        if (!invalidWritten && intents >= 3) {
            invalidWritten = true;
            Book b = books.get(0);
            long offTick = b.symbol.refPrice() + KrxTick.tickSize(b.symbol.refPrice()) / 2 + 1;
            writeIntent(null, b.symbol.code(), "ENTRY", 1, "LMT", BigDecimal.valueOf(offTick));
        }
    }

    private void advance(Book b) {
        switch (b.phase) {
            case FLAT -> {
                if (random.nextInt(3) == 0) {
                    enter(b);
                }
            }
            case ENTERING -> afterEntry(b);
            case HOLDING -> {
                if (random.nextInt(2) == 0) {
                    exit(b);
                }
            }
            case EXITING -> afterExit(b);
            case RESTING -> {}
        }
    }

    private void enter(Book b) {
        b.positionId = UUID.randomUUID();
        long qty = 1 + random.nextInt(10);
        long ref = b.symbol.refPrice();
        int kind = random.nextInt(6);
        String type = kind < 3 ? "MKT" : "LMT";
        BigDecimal price = null;
        if (kind >= 3) {
            // mostly marketable (above the market); one in three passive, far below it
            long p = kind == 5 ? KrxTick.floorToGrid(ref - 10 * KrxTick.tickSize(ref)) : above(ref, 3);
            price = BigDecimal.valueOf(p);
        }
        b.pendingIntent = writeIntent(b.positionId, b.symbol.code(), "ENTRY", qty, type, price);
        b.phase = Phase.ENTERING;
    }

    private void afterEntry(Book b) {
        Optional<OrderView> o = order(b.pendingIntent);
        String status = intentStatus(b.pendingIntent);
        if (o.isEmpty()) {
            if (Objects.equals(status, "REJECTED") || Objects.equals(status, "FAILED")) {
                b.phase = Phase.FLAT;
            }
            return;
        }
        OrderView order = o.get();
        if (!order.terminal()) {
            if (order.filledQty() == 0 && order.ageSeconds() > 5) {
                b.phase = Phase.RESTING; // left working: the view shows an open order
            }
            return;
        }
        if (order.filledQty() == 0) {
            b.phase = Phase.FLAT;
            return;
        }
        b.qty = order.filledQty();
        b.partlyExited = false;
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO trade.positions (position_id, account_id, symbol, side, qty, avg_price, entry_ts,
                                                     status, strategy_id, updated_ts)
                        VALUES (:id, :acc, :sym, 'LONG', :qty, :avg, :now, 'OPEN', 'demo', :now)""")
                .bind("id", b.positionId)
                .bind("acc", accountId)
                .bind("sym", b.symbol.code())
                .bind("qty", b.qty)
                .bind("avg", order.avgPrice())
                .bind("now", now)
                .execute());
        b.phase = Phase.HOLDING;
    }

    private void exit(Book b) {
        boolean full = b.partlyExited || b.qty < 2;
        long qty = full ? b.qty : b.qty / 2;
        boolean market = random.nextBoolean();
        BigDecimal price = market ? null : BigDecimal.valueOf(below(b.symbol.refPrice(), 3));
        b.pendingIntent = writeIntent(
                b.positionId, b.symbol.code(), full ? "EXIT_FULL" : "EXIT_PARTIAL", qty, market ? "MKT" : "LMT", price);
        b.phase = Phase.EXITING;
    }

    private void afterExit(Book b) {
        Optional<OrderView> o = order(b.pendingIntent);
        if (o.isEmpty()) {
            String status = intentStatus(b.pendingIntent);
            if (Objects.equals(status, "REJECTED") || Objects.equals(status, "FAILED")) {
                b.phase = Phase.HOLDING;
            }
            return;
        }
        if (!o.get().terminal()) {
            return;
        }
        b.qty -= o.get().filledQty();
        b.partlyExited = true;
        String status = b.qty == 0 ? "CLOSED" : "OPEN";
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE trade.positions SET qty = :qty, status = :status, version = version + 1, updated_ts = :now
                         WHERE position_id = :id""")
                .bind("qty", b.qty)
                .bind("status", status)
                .bind("now", now)
                .bind("id", b.positionId)
                .execute());
        b.phase = b.qty == 0 ? Phase.FLAT : Phase.HOLDING;
    }

    private UUID writeIntent(
            UUID positionId, String symbol, String type, long qty, String orderType, BigDecimal price) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        int n = ++intents;
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO trade.order_intents (intent_id, position_id, symbol, intent_type, qty, order_type,
                                                         limit_price, reason_code, action_key, created_ts, updated_ts)
                        VALUES (:id, :pos, :sym, :type, :qty, :ot, :price, 'DEMO', :key, :now, :now)""")
                .bind("id", id)
                .bind("pos", positionId)
                .bind("sym", symbol)
                .bind("type", type)
                .bind("qty", qty)
                .bind("ot", orderType)
                .bind("price", price)
                .bind("key", runTag + "-" + n)
                .bind("now", now)
                .execute());
        return id;
    }

    private record OrderView(String status, long filledQty, BigDecimal avgPrice, long ageSeconds) {
        boolean terminal() {
            return switch (status) {
                case "FILLED", "CANCELLED", "CANCELLED_PARTIAL", "REJECTED" -> true;
                default -> false;
            };
        }
    }

    private Optional<OrderView> order(UUID intentId) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT status, filled_qty, COALESCE(avg_fill_price, 0) AS avg, submitted_ts
                          FROM trade.orders WHERE intent_id = :id""")
                .bind("id", intentId)
                .map((rs, ctx) -> new OrderView(
                        rs.getString("status"),
                        rs.getLong("filled_qty"),
                        rs.getBigDecimal("avg"),
                        now.getEpochSecond()
                                - rs.getTimestamp("submitted_ts").toInstant().getEpochSecond()))
                .findOne());
    }

    private String intentStatus(UUID intentId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT status FROM trade.order_intents WHERE intent_id = :id")
                .bind("id", intentId)
                .mapTo(String.class)
                .findOne()
                .orElse(null));
    }

    private static long above(long ref, int ticks) {
        long p = ref;
        for (int i = 0; i < ticks; i++) {
            p = KrxTick.up(p);
        }
        return p;
    }

    private static long below(long ref, int ticks) {
        long p = ref;
        for (int i = 0; i < ticks; i++) {
            p = KrxTick.down(p);
        }
        return p;
    }

    /** The symbols of a simulator symbol list {@code CODE:PRICE[:NAME],...}. */
    public static List<Symbol> parseSymbols(String list) {
        List<Symbol> out = new ArrayList<>();
        for (String part : list.split(",")) {
            String[] f = part.strip().split(":");
            if (f.length < 2) {
                throw new IllegalArgumentException("symbol '" + part + "' is not CODE:PRICE");
            }
            out.add(new Symbol(f[0], Long.parseLong(f[1])));
        }
        return out;
    }
}
