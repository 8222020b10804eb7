package io.execctl.store;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.FillBook;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderStatus;
import io.execctl.testing.DatabaseExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class OrderTxTest {
    @RegisterExtension
    static final DatabaseExtension DB = DatabaseExtension.migrated();

    private static Jdbi jdbi;
    private static OrderTx orderTx;
    private static ExecutorService pool;

    @BeforeAll
    static void setUp() {
        jdbi = DB.jdbi();
        orderTx = new OrderTx(jdbi);
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
    }

    private static OrderKey key(String odno) {
        return OrderKey.of(Samples.ACCOUNT, Samples.DAY, odno);
    }

    @Test
    void twoTransactionsOnTheSameOrderRunOneAfterTheOther() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch aInside = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        Future<?> a = pool.submit(() -> orderTx.useOrderTransaction(key("1"), tx -> {
            events.add("a-in");
            aInside.countDown();
            Concurrency.await(releaseA);
            events.add("a-out");
        }));
        Concurrency.await(aInside);
        Future<?> b = pool.submit(() -> orderTx.useOrderTransaction(key("1"), tx -> {
            events.add("b-in");
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> Concurrency.waitingAdvisoryLocks(jdbi) == 1);
        assertThat(events).containsExactly("a-in");
        releaseA.countDown();
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);
        assertThat(events).containsExactly("a-in", "a-out", "b-in");
    }

    @Test
    void transactionsOnDifferentOrdersDoNotWaitForEachOther() throws Exception {
        CountDownLatch aInside = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        Future<?> a = pool.submit(() -> orderTx.useOrderTransaction(key("2"), tx -> {
            aInside.countDown();
            Concurrency.await(releaseA);
        }));
        try {
            Concurrency.await(aInside);
            Future<String> b = pool.submit(() -> orderTx.inOrderTransaction(key("3"), tx -> "b-done"));
            assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo("b-done");
            assertThat(a.isDone()).isFalse();
        } finally {
            releaseA.countDown();
        }
        a.get(10, TimeUnit.SECONDS);
    }

    @Test
    void readModifyWriteUnderTheLockLosesNoUpdate() throws Exception {
        Order o = Samples.submitted(Samples.nextKey(), UUID.randomUUID());
        Order big = new Order(
                o.key(),
                o.intentId(),
                o.positionId(),
                o.branch(),
                null,
                o.symbol(),
                o.side(),
                o.orderType(),
                1000,
                o.limitPrice(),
                0,
                1000,
                null,
                BrokerStatus.ACCEPTED,
                OrderStatus.SUBMITTED,
                o.source(),
                null,
                o.submittedTs(),
                o.updatedTs());
        OrderStore.of(jdbi).upsert(big, null);
        int threads = 4;
        int perThread = 25;
        List<Future<?>> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            all.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    orderTx.useOrderTransaction(big.key(), tx -> {
                        Order cur = tx.orders().find(big.orderId()).orElseThrow();
                        long filled = cur.filledQty() + 1;
                        tx.orders()
                                .writeProgress(
                                        cur.key(),
                                        new OrderStore.Progress(
                                                filled,
                                                cur.qty() - filled,
                                                null,
                                                BrokerStatus.ACCEPTED,
                                                OrderStatus.PARTIAL,
                                                FillBook.Broker.NONE,
                                                Samples.T0));
                    });
                }
            }));
        }
        for (Future<?> f : all) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertThat(OrderStore.of(jdbi).find(big.orderId()).orElseThrow().filledQty())
                .isEqualTo(threads * perThread);
    }

    @Test
    void aFailedTransactionLeavesNothingAndReleasesTheLock() throws Exception {
        Order o = Samples.submitted(Samples.nextKey(), UUID.randomUUID());
        assertThatThrownBy(() -> orderTx.useOrderTransaction(o.key(), tx -> {
                    tx.orders().upsert(o, null);
                    tx.outbox().append(OutboxEvent.of(OutboxEvent.ORDER_STATUS, o.orderId(), null, "{}", Samples.T0));
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");
        assertThat(OrderStore.of(jdbi).find(o.orderId())).isEmpty();
        Future<Boolean> again = pool.submit(
                () -> orderTx.inOrderTransaction(o.key(), tx -> tx.orders().upsert(o, null)));
        assertThat(again.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aLockTimeoutGivesUpInsteadOfWaitingForever() throws Exception {
        OrderTx impatient = new OrderTx(jdbi, Duration.ofMillis(200));
        CountDownLatch aInside = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        Future<?> a = pool.submit(() -> orderTx.useOrderTransaction(key("4"), tx -> {
            aInside.countDown();
            Concurrency.await(releaseA);
        }));
        try {
            Concurrency.await(aInside);
            assertThatThrownBy(() -> impatient.useOrderTransaction(key("4"), tx -> {}))
                    .hasMessageContaining("lock timeout");
        } finally {
            releaseA.countDown();
        }
        a.get(10, TimeUnit.SECONDS);
        String ok = impatient.inOrderTransaction(key("4"), tx -> "ok");
        assertThat(ok).isEqualTo("ok");
        assertThat(OrderTx.lockKey(key("5"))).isNotEqualTo(OrderTx.lockKey(key("6")));
    }

    @Test
    void theSameOdnoOfTwoAccountsIsTwoLocks() throws Exception {
        OrderKey mine = key("7");
        OrderKey theirs = OrderKey.of("87654321-01", Samples.DAY, "7");
        assertThat(OrderTx.lockKey(mine)).isNotEqualTo(OrderTx.lockKey(theirs));
        CountDownLatch aInside = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        Future<?> a = pool.submit(() -> orderTx.useOrderTransaction(mine, tx -> {
            aInside.countDown();
            Concurrency.await(releaseA);
        }));
        try {
            Concurrency.await(aInside);
            Future<String> b = pool.submit(() -> orderTx.inOrderTransaction(theirs, tx -> "b-done"));
            assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo("b-done");
        } finally {
            releaseA.countDown();
        }
        a.get(10, TimeUnit.SECONDS);
    }
}
