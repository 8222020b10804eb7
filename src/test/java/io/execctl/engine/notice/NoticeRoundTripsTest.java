package io.execctl.engine.notice;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OrderType;
import io.execctl.domain.Side;
import io.execctl.store.CancelledQuantity;
import io.execctl.store.Db;
import io.execctl.store.FillApplier;
import io.execctl.store.FillStore;
import io.execctl.store.OrderStore;
import io.execctl.store.OrderTx;
import io.execctl.store.ParkedNoticeStore;
import io.execctl.testing.DatabaseExtension;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The round trips of a fill notice's transaction (docs/benchmarks.md, "Notice fast path"): the lock
 * and reads in one, the writes in one that carries the COMMIT when nothing follows them — and the
 * ordinary commit whenever something does (an unknown order's park, a partially cancelled order the
 * fill completes), so every rule of the path still commits in one transaction.
 */
class NoticeRoundTripsTest {
    @RegisterExtension
    static final DatabaseExtension DB = DatabaseExtension.migrated();

    private static final String ACCOUNT = "50000001-01";
    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);
    private static final Instant AT = Instant.parse("2026-11-25T01:00:00Z");
    private static final List<String> SENT = new CopyOnWriteArrayList<>();

    private static Jdbi jdbi;
    private static NoticeWriter writer;
    private static int frame;

    @BeforeAll
    static void setUp() {
        jdbi = Db.create(DB.dataSource());
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext ctx) {
                SENT.add(ctx.getRawSql().strip());
            }

            @Override
            public void logException(StatementContext ctx, SQLException ex) {
                SENT.add(ctx.getRawSql().strip());
            }
        });
        writer = new NoticeWriter(jdbi, new FillApplier(new OrderTx(jdbi), Clock.systemUTC()));
    }

    @BeforeEach
    void clear() {
        SENT.clear();
    }

    private static OrderKey order(String odno, long qty) {
        OrderKey key = OrderKey.of(ACCOUNT, DAY, odno);
        new OrderTx(jdbi).useOrderTransaction(key, tx -> tx.orders().upsert(row(key, qty), null));
        SENT.clear();
        return key;
    }

    private static Order row(OrderKey key, long qty) {
        return new Order(
                key,
                null,
                null,
                "00950",
                null,
                "005930",
                Side.BUY,
                OrderType.LMT,
                qty,
                new BigDecimal("72000"),
                0,
                qty,
                null,
                BrokerStatus.ACCEPTED,
                OrderStatus.SUBMITTED,
                OrderSource.EXTERNAL,
                null,
                AT,
                AT);
    }

    private static NoticeCommand fill(OrderKey key, long qty) {
        return new NoticeCommand(
                key,
                NoticeAction.FILL,
                new NoticeReceipt("round-trips", frame++, 0),
                AT,
                qty,
                new BigDecimal("72000"),
                key.odno(),
                "",
                "005930",
                Side.BUY,
                "00",
                10,
                new BigDecimal("72000"),
                AT,
                0);
    }

    private static long inBandCommits() {
        return SENT.stream().filter(s -> s.endsWith("COMMIT")).count();
    }

    private static long count(String sql, OrderKey key) {
        Long n = jdbi.withHandle(h ->
                h.createQuery(sql).bind("id", key.orderId()).mapTo(Long.class).one());
        return n;
    }

    private static String xmin(String table, String column, String id) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT DISTINCT xmin::text FROM trade." + table + " WHERE " + column + " = :id")
                        .bind("id", id)
                        .mapTo(String.class)
                        .one());
    }

    @Test
    void aFillThatMovesNoStatusIsTwoStatementsTheSecondCarryingTheCommit() {
        OrderKey key = order("301", 10);
        assertThat(writer.writeOne(fill(key, 1))).isEqualTo(NoticeWriter.Result.APPLIED);
        assertThat(inBandCommits())
                .as("SUBMITTED -> PARTIAL: the intent is settled after the writes")
                .isZero();
        SENT.clear();
        assertThat(writer.writeOne(fill(key, 4))).isEqualTo(NoticeWriter.Result.APPLIED);
        assertThat(SENT).hasSize(2);
        assertThat(SENT.get(0))
                .startsWith("SELECT set_config('plan_cache_mode'")
                .contains("SELECT count(pg_advisory_xact_lock(k))");
        assertThat(SENT.get(1)).startsWith("WITH f AS").endsWith("COMMIT");
        Order stored = OrderStore.of(jdbi).findByKey(key).orElseThrow();
        assertThat(stored.filledQty()).isEqualTo(5);
        assertThat(stored.status()).isEqualTo(OrderStatus.PARTIAL);
        String fills = jdbi.withHandle(h -> h.createQuery(
                        "SELECT xmin::text FROM trade.fills WHERE order_id = :id ORDER BY row_no DESC LIMIT 1")
                .bind("id", key.orderId())
                .mapTo(String.class)
                .one());
        String outbox = jdbi.withHandle(
                h -> h.createQuery("SELECT DISTINCT xmin::text FROM trade.outbox WHERE aggregate_id = :id AND id > ("
                                + "SELECT max(id) FROM trade.outbox WHERE aggregate_id = :id) - 2")
                        .bind("id", key.orderId())
                        .mapTo(String.class)
                        .one());
        assertThat(List.of(fills, outbox, xmin("orders", "order_id", key.orderId())))
                .as("fill, outbox events and order row in one transaction")
                .containsOnly(fills);
        // the connection went back to the pool usable: the last fill (-> FILLED) takes the ordinary commit
        SENT.clear();
        assertThat(writer.writeOne(fill(key, 5))).isEqualTo(NoticeWriter.Result.APPLIED);
        assertThat(inBandCommits()).isZero();
        assertThat(FillStore.of(jdbi).totals(key.orderId()).qty()).isEqualTo(10);
        assertThat(OrderStore.of(jdbi).findByKey(key).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void aBatchOfFillsOfSeveralOrdersCommitsWithItsWrites() {
        OrderKey a = order("311", 10);
        OrderKey b = order("312", 10);
        writer.writeBatch(List.of(fill(a, 1), fill(b, 1)));
        SENT.clear();
        assertThat(writer.writeBatch(List.of(fill(a, 1), fill(b, 2), fill(a, 3))))
                .containsOnly(NoticeWriter.Result.APPLIED);
        assertThat(SENT).hasSize(2);
        assertThat(inBandCommits()).isEqualTo(1);
        assertThat(OrderStore.of(jdbi).findByKey(a).orElseThrow().filledQty()).isEqualTo(5);
        assertThat(OrderStore.of(jdbi).findByKey(b).orElseThrow().filledQty()).isEqualTo(3);
    }

    @Test
    void anUnknownOrderInTheBatchKeepsTheOrdinaryCommitAndItsParkIsInTheTransaction() {
        OrderKey a = order("321", 10);
        OrderKey unknown = OrderKey.of(ACCOUNT, DAY, "329");
        assertThat(writer.writeBatch(List.of(fill(a, 1), fill(unknown, 2))))
                .containsExactly(NoticeWriter.Result.APPLIED, NoticeWriter.Result.PARKED);
        assertThat(inBandCommits()).isZero();
        assertThat(ParkedNoticeStore.of(jdbi).pendingFor(unknown)).hasSize(1);
        SENT.clear();
        assertThat(writer.writeOne(fill(OrderKey.of(ACCOUNT, DAY, "328"), 1))).isEqualTo(NoticeWriter.Result.PARKED);
        assertThat(inBandCommits()).isZero();
    }

    @Test
    void aFillThatCompletesAPartiallyCancelledOrderEndsItWithoutAStatementOfItsOwnForTheCheck() {
        OrderKey key = order("331", 10);
        new CancelledQuantity(jdbi, Clock.systemUTC())
                .confirmCancel(key, "0000000332", 4, CancelledQuantity.Source.NOTICE);
        SENT.clear();
        assertThat(writer.writeOne(fill(key, 6))).isEqualTo(NoticeWriter.Result.APPLIED);
        assertThat(inBandCommits())
                .as("the broker status follows in the transaction")
                .isZero();
        assertThat(SENT).noneMatch(s -> s.contains("cancelled_qty > 0"));
        Order stored = OrderStore.of(jdbi).findByKey(key).orElseThrow();
        assertThat(stored.brokerStatus()).isEqualTo(BrokerStatus.CANCELLED);
        assertThat(stored.status()).isEqualTo(OrderStatus.CANCELLED_PARTIAL);
        assertThat(stored.openQty()).isZero();
    }

    @Test
    void aWriteThatFailsCommitsNothingAndTheNextNoticeGoesThrough() {
        OrderKey key = order("341", 20);
        writer.writeOne(fill(key, 1)); // SUBMITTED -> PARTIAL: the next fill moves no status
        long outboxBefore = count("SELECT count(*) FROM trade.outbox WHERE aggregate_id = :id", key);
        jdbi.useHandle(h -> h.execute("""
                CREATE FUNCTION trade.test_refuse_qty7() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.qty = 7 THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER test_refuse_qty7 BEFORE INSERT ON trade.fills
                   FOR EACH ROW EXECUTE FUNCTION trade.test_refuse_qty7();"""));
        try {
            SENT.clear();
            assertThatThrownBy(() -> writer.writeOne(fill(key, 7))).isInstanceOf(RuntimeException.class);
            assertThat(SENT.get(SENT.size() - 1))
                    .as("the failing statement carried the COMMIT")
                    .endsWith("COMMIT");
            Order stored = OrderStore.of(jdbi).findByKey(key).orElseThrow();
            assertThat(stored.filledQty())
                    .as("nothing of the failed transaction committed")
                    .isEqualTo(1);
            assertThat(FillStore.of(jdbi).totals(key.orderId()).qty()).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM trade.outbox WHERE aggregate_id = :id", key))
                    .isEqualTo(outboxBefore);
        } finally {
            jdbi.useHandle(h ->
                    h.execute("DROP TRIGGER test_refuse_qty7 ON trade.fills; DROP FUNCTION trade.test_refuse_qty7()"));
        }
        for (int i = 0; i < 10; i++) { // every pooled connection is usable and in autocommit again
            assertThat(writer.writeOne(fill(key, 1))).isEqualTo(NoticeWriter.Result.APPLIED);
        }
        assertThat(OrderStore.of(jdbi).findByKey(key).orElseThrow().filledQty()).isEqualTo(11);
        assertThat(count("SELECT count(*) FROM trade.fills WHERE order_id = :id", key))
                .isEqualTo(11L);
    }
}
