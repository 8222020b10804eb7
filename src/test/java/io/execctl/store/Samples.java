package io.execctl.store;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OrderType;
import io.execctl.domain.Side;
import io.execctl.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/** Test data and a migrated database for the store tests. */
final class Samples {
    static final String ACCOUNT = "12345678-01";
    static final LocalDate DAY = LocalDate.of(2026, 1, 13);
    static final Instant T0 = Instant.parse("2026-01-13T00:30:00Z");
    private static final AtomicInteger ODNO = new AtomicInteger(1000);

    private Samples() {}

    /** A fresh database with the execution and contract schema. */
    static TestDatabase migratedDatabase() {
        TestDatabase db = TestDatabase.create();
        Migrations.migrate(db.dataSource(), true);
        return db;
    }

    static Jdbi jdbi(TestDatabase db) {
        return Db.create(db.dataSource());
    }

    static final String BRANCH = "06010";

    static OrderKey nextKey() {
        return OrderKey.of(ACCOUNT, DAY, Integer.toString(ODNO.incrementAndGet()));
    }

    /** A submitted limit buy of 10 from an intent. */
    static Order submitted(OrderKey key, UUID intentId) {
        return new Order(
                key,
                intentId,
                UUID.randomUUID(),
                BRANCH,
                null,
                "005930",
                Side.BUY,
                OrderType.LMT,
                10,
                new BigDecimal("72000"),
                0,
                10,
                null,
                BrokerStatus.ACCEPTED,
                OrderStatus.SUBMITTED,
                OrderSource.INTENT,
                null,
                T0,
                T0);
    }

    static Order withProgress(Order o, long filled, BrokerStatus broker, OrderStatus status, Instant at) {
        long open = broker.remainderGone() ? 0 : o.qty() - filled;
        return new Order(
                o.key(),
                o.intentId(),
                o.positionId(),
                o.branch(),
                o.origOrderNo(),
                o.symbol(),
                o.side(),
                o.orderType(),
                o.qty(),
                o.limitPrice(),
                filled,
                open,
                filled == 0 ? null : new BigDecimal("72000"),
                broker,
                status,
                o.source(),
                o.rejectReason(),
                o.submittedTs(),
                at);
    }

    static Order external(OrderKey key) {
        return new Order(
                key,
                null,
                null,
                BRANCH,
                null,
                "000660",
                Side.SELL,
                OrderType.MKT,
                5,
                null,
                0,
                5,
                null,
                BrokerStatus.ACCEPTED,
                OrderStatus.SUBMITTED,
                OrderSource.EXTERNAL,
                null,
                T0,
                T0);
    }
}
