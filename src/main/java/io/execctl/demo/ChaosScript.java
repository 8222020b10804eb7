package io.execctl.demo;

import io.execctl.domain.KrxTick;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The scripted trading day of {@code execctl chaos}: a seeded strategy that writes intents through the
 * contract tables only, as a strategy would, across many symbols — ENTRY at market or with a limit
 * (near: marketable; far: left working), a position opened from the entry's fills, EXIT_PARTIAL then
 * EXIT_FULL — plus a share of invalid intents (a limit off the price grid, an exit larger than the
 * position). Unlike the demo strategy it never waits forever on one symbol: an intent whose order has
 * not settled after {@link #GIVE_UP} is left behind (the ledger check still judges it) and the symbol
 * starts a new position; when every symbol waits, a one-off market entry keeps the pace, so the day
 * writes its N intents whatever the faults do. Call {@link #step()} at the wanted intent rate; each
 * call writes one intent.
 */
public final class ChaosScript {
    /** How long one symbol waits for its last intent's order to settle before moving on. */
    static final Duration GIVE_UP = Duration.ofSeconds(20);

    /** What kinds of intents were written, for the report. */
    public enum Kind {
        ENTRY_MKT,
        ENTRY_LMT_NEAR,
        ENTRY_LMT_FAR,
        EXIT_PARTIAL,
        EXIT_FULL,
        INVALID_OFF_TICK,
        INVALID_OVERSIZED_EXIT
    }

    private enum Phase {
        FLAT,
        ENTERING,
        HOLDING,
        EXITING
    }

    private static final class Book {
        final DemoStrategy.Symbol symbol;
        Phase phase = Phase.FLAT;
        UUID positionId;
        UUID pendingIntent;
        Instant pendingSince;
        long qty;
        boolean partlyExited;

        Book(DemoStrategy.Symbol symbol) {
            this.symbol = symbol;
        }
    }

    private final Jdbi jdbi;
    private final String accountId;
    private final Clock clock;
    private final Random random;
    private final List<Book> books = new ArrayList<>();
    private final String runTag;
    private final int limit;
    private final double invalidRate;
    private final Map<Kind, Integer> written = new EnumMap<>(Kind.class);
    private int intents;
    /** The connection of the step under way: one per step, not one per statement. */
    private Handle handle;
    /** Pending intents' status and order, one query per step (two per waiting symbol slowed a loaded day to ~1/s). */
    private final Map<UUID, Pending> pending = new HashMap<>();

    private record Pending(String intentStatus, OrderView order) {}

    /**
     * @param limit       intents to write in all
     * @param invalidRate share of intents that are invalid on purpose (0..1)
     */
    public ChaosScript(
            Jdbi jdbi,
            String accountId,
            List<DemoStrategy.Symbol> symbols,
            long seed,
            int limit,
            double invalidRate,
            Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("at least one symbol");
        }
        if (limit < 0 || invalidRate < 0 || invalidRate > 1) {
            throw new IllegalArgumentException("limit >= 0 and invalidRate in 0..1");
        }
        this.random = new Random(seed);
        symbols.forEach(s -> books.add(new Book(s)));
        this.limit = limit;
        this.invalidRate = invalidRate;
        this.runTag = "chaos-" + seed + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public int intentsWritten() {
        return intents;
    }

    public boolean done() {
        return intents >= limit;
    }

    public Map<Kind, Integer> written() {
        return Map.copyOf(written);
    }

    /** Writes at most one intent: the next symbol (in a seeded order) that has something to do. */
    public void step() {
        if (done()) {
            return;
        }
        jdbi.useHandle(h -> {
            handle = h;
            try {
                stepOn();
            } finally {
                handle = null;
            }
        });
    }

    private void stepOn() {
        readPending();
        if (random.nextDouble() < invalidRate) {
            invalid(books.get(random.nextInt(books.size())));
            return;
        }
        int start = random.nextInt(books.size());
        for (int i = 0; i < books.size(); i++) {
            if (advance(books.get((start + i) % books.size()))) {
                return;
            }
        }
        // every symbol waits on its last intent: a one-off entry nobody follows keeps the day's pace
        Book b = books.get(start);
        long qty = 1 + random.nextInt(5);
        if (random.nextBoolean()) {
            writeIntent(Kind.ENTRY_MKT, UUID.randomUUID(), b.symbol.code(), "ENTRY", qty, "MKT", null);
        } else {
            long p = ticks(b.symbol.refPrice(), 3);
            writeIntent(
                    Kind.ENTRY_LMT_NEAR,
                    UUID.randomUUID(),
                    b.symbol.code(),
                    "ENTRY",
                    qty,
                    "LMT",
                    BigDecimal.valueOf(p));
        }
    }

    /** True when it wrote an intent. */
    private boolean advance(Book b) {
        if (b.phase == Phase.ENTERING || b.phase == Phase.EXITING) {
            settle(b);
        }
        return switch (b.phase) {
            case FLAT -> enter(b);
            case HOLDING -> exit(b);
            default -> false;
        };
    }

    private boolean enter(Book b) {
        b.positionId = UUID.randomUUID();
        long qty = 1 + random.nextInt(10);
        long ref = b.symbol.refPrice();
        int kind = random.nextInt(6);
        if (kind < 3) {
            b.pendingIntent = writeIntent(Kind.ENTRY_MKT, b.positionId, b.symbol.code(), "ENTRY", qty, "MKT", null);
        } else {
            boolean far = kind == 5;
            long p = far ? KrxTick.floorToGrid(ref - 10 * KrxTick.tickSize(ref)) : ticks(ref, 3);
            b.pendingIntent = writeIntent(
                    far ? Kind.ENTRY_LMT_FAR : Kind.ENTRY_LMT_NEAR,
                    b.positionId,
                    b.symbol.code(),
                    "ENTRY",
                    qty,
                    "LMT",
                    BigDecimal.valueOf(p));
        }
        b.phase = Phase.ENTERING;
        b.pendingSince = clock.instant();
        return true;
    }

    private boolean exit(Book b) {
        boolean full = b.partlyExited || b.qty < 2;
        long qty = full ? b.qty : b.qty / 2;
        boolean market = random.nextBoolean();
        BigDecimal price = market ? null : BigDecimal.valueOf(ticks(b.symbol.refPrice(), -3));
        b.pendingIntent = writeIntent(
                full ? Kind.EXIT_FULL : Kind.EXIT_PARTIAL,
                b.positionId,
                b.symbol.code(),
                full ? "EXIT_FULL" : "EXIT_PARTIAL",
                qty,
                market ? "MKT" : "LMT",
                price);
        b.phase = Phase.EXITING;
        b.pendingSince = clock.instant();
        return true;
    }

    private void invalid(Book b) {
        long ref = b.symbol.refPrice();
        if (random.nextBoolean() || b.phase != Phase.HOLDING) {
            long offTick = ref + KrxTick.tickSize(ref) / 2 + 1;
            writeIntent(Kind.INVALID_OFF_TICK, null, b.symbol.code(), "ENTRY", 1, "LMT", BigDecimal.valueOf(offTick));
        } else {
            writeIntent(
                    Kind.INVALID_OVERSIZED_EXIT,
                    b.positionId,
                    b.symbol.code(),
                    "EXIT_PARTIAL",
                    b.qty + 1000,
                    "MKT",
                    null);
        }
    }

    /** Moves a book whose pending intent settled (or that waited too long) on. */
    private void settle(Book b) {
        Optional<OrderView> o = order(b.pendingIntent);
        boolean late = Duration.between(b.pendingSince, clock.instant()).compareTo(GIVE_UP) > 0;
        if (o.isEmpty() || !o.get().terminal()) {
            String status = intentStatus(b.pendingIntent);
            boolean refused = "REJECTED".equals(status) || "FAILED".equals(status) || "DUPLICATE".equals(status);
            if (refused || late) {
                b.phase = b.phase == Phase.ENTERING ? Phase.FLAT : Phase.HOLDING;
                if (b.phase == Phase.HOLDING && late) {
                    b.phase = Phase.FLAT; // an exit left working: the position is not ours to size any more
                }
            }
            return;
        }
        OrderView order = o.get();
        Instant now = clock.instant();
        if (b.phase == Phase.ENTERING) {
            if (order.filledQty() == 0) {
                b.phase = Phase.FLAT;
                return;
            }
            b.qty = order.filledQty();
            b.partlyExited = false;
            use(h -> h.createUpdate("""
                            INSERT INTO trade.positions (position_id, account_id, symbol, side, qty, avg_price, entry_ts,
                                                         status, strategy_id, updated_ts)
                            VALUES (:id, :acc, :sym, 'LONG', :qty, :avg, :now, 'OPEN', 'chaos', :now)
                            ON CONFLICT (position_id) DO NOTHING""")
                    .bind("id", b.positionId)
                    .bind("acc", accountId)
                    .bind("sym", b.symbol.code())
                    .bind("qty", b.qty)
                    .bind("avg", order.avgPrice())
                    .bind("now", now)
                    .execute());
            b.phase = Phase.HOLDING;
            return;
        }
        b.qty = Math.max(0, b.qty - order.filledQty());
        b.partlyExited = true;
        use(h -> h.createUpdate("""
                        UPDATE trade.positions SET qty = :qty, status = :status, version = version + 1, updated_ts = :now
                         WHERE position_id = :id""")
                .bind("qty", b.qty)
                .bind("status", b.qty == 0 ? "CLOSED" : "OPEN")
                .bind("now", now)
                .bind("id", b.positionId)
                .execute());
        b.phase = b.qty == 0 ? Phase.FLAT : Phase.HOLDING;
    }

    private UUID writeIntent(
            Kind kind, UUID positionId, String symbol, String type, long qty, String orderType, BigDecimal price) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        int n = intents + 1;
        use(h -> h.createUpdate("""
                        INSERT INTO trade.order_intents (intent_id, position_id, symbol, intent_type, qty, order_type,
                                                         limit_price, reason_code, action_key, created_ts, updated_ts)
                        VALUES (:id, :pos, :sym, :type, :qty, :ot, :price, 'CHAOS', :key, :now, :now)""")
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
        intents = n;
        written.merge(kind, 1, Integer::sum);
        return id;
    }

    private record OrderView(String status, long filledQty, BigDecimal avgPrice) {
        boolean terminal() {
            return switch (status) {
                case "FILLED", "CANCELLED", "CANCELLED_PARTIAL", "REJECTED" -> true;
                default -> false;
            };
        }
    }

    private void readPending() {
        pending.clear();
        List<UUID> ids = books.stream()
                .filter(b -> b.pendingIntent != null && (b.phase == Phase.ENTERING || b.phase == Phase.EXITING))
                .map(b -> b.pendingIntent)
                .toList();
        if (ids.isEmpty()) {
            return;
        }
        with(h -> h.createQuery("""
                        SELECT i.intent_id, i.status AS intent_status, o.status, o.filled_qty,
                               COALESCE(o.avg_fill_price, 0) AS avg
                          FROM trade.order_intents i LEFT JOIN trade.orders o ON o.intent_id = i.intent_id
                         WHERE i.intent_id = ANY(:ids)""")
                .bind("ids", ids.toArray(new UUID[0]))
                .map((rs, ctx) -> pending.put(
                        rs.getObject("intent_id", UUID.class),
                        new Pending(
                                rs.getString("intent_status"),
                                rs.getString("status") == null
                                        ? null
                                        : new OrderView(
                                                rs.getString("status"),
                                                rs.getLong("filled_qty"),
                                                rs.getBigDecimal("avg")))))
                .list());
    }

    private Optional<OrderView> order(UUID intentId) {
        Pending p = pending.get(intentId);
        if (p != null) {
            return Optional.ofNullable(p.order());
        }
        return with(h -> h.createQuery("""
                        SELECT status, filled_qty, COALESCE(avg_fill_price, 0) AS avg
                          FROM trade.orders WHERE intent_id = :id""")
                .bind("id", intentId)
                .map((rs, ctx) ->
                        new OrderView(rs.getString("status"), rs.getLong("filled_qty"), rs.getBigDecimal("avg")))
                .findFirst());
    }

    private String intentStatus(UUID intentId) {
        Pending p = pending.get(intentId);
        if (p != null) {
            return p.intentStatus();
        }
        return with(h -> h.createQuery("SELECT status FROM trade.order_intents WHERE intent_id = :id")
                .bind("id", intentId)
                .mapTo(String.class)
                .findOne()
                .orElse(null));
    }

    private void use(Consumer<Handle> work) {
        work.accept(handle);
    }

    private <T> T with(Function<Handle, T> work) {
        return work.apply(handle);
    }

    /** {@code n} ticks above (n > 0) or below (n < 0) {@code ref}. */
    private static long ticks(long ref, int n) {
        long p = ref;
        for (int i = 0; i < Math.abs(n); i++) {
            p = n > 0 ? KrxTick.up(p) : KrxTick.down(p);
        }
        return p;
    }
}
