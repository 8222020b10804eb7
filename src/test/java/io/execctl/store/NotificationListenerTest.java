package io.execctl.store;

import io.execctl.testing.DatabaseExtension;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class NotificationListenerTest {
    @RegisterExtension
    static final DatabaseExtension DB = DatabaseExtension.migrated();

    private static Jdbi jdbi;

    @BeforeAll
    static void setUp() {
        jdbi = DB.jdbi();
    }

    /** Records what the listener delivers. */
    static final class Recorder implements NotificationListener.Handler {
        final List<String> received = new CopyOnWriteArrayList<>();
        final AtomicInteger gaps = new AtomicInteger();

        @Override
        public void onNotification(String channel, String payload) {
            received.add(channel + ":" + payload);
        }

        @Override
        public void onGap() {
            gaps.incrementAndGet();
        }
    }

    private static NotificationListener.Options fast() {
        return new NotificationListener.Options(
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(400), false);
    }

    private static void notify(String channel, String payload) {
        jdbi.useHandle(h -> h.createQuery("SELECT pg_notify(:c, :p)")
                .bind("c", channel)
                .bind("p", payload)
                .mapTo(String.class)
                .one());
    }

    @Test
    void deliversNotificationsOnlyOnCommit() throws Exception {
        Recorder rec = new Recorder();
        try (NotificationListener listener = new NotificationListener(
                DB.dataSource(), List.of(OutboxEvent.CHANNEL, "execctl_intents"), rec, fast())) {
            listener.start();
            assertThat(listener.awaitListening(Duration.ofSeconds(10))).isTrue();
            notify("execctl_intents", "abc");
            await().atMost(Duration.ofSeconds(10)).until(() -> rec.received.contains("execctl_intents:abc"));

            // An outbox row NOTIFYs its id when its transaction commits, never for a rollback.
            try {
                jdbi.useTransaction(h -> {
                    OutboxStore.on(h).append(OutboxEvent.of(OutboxEvent.FILL, "o1", null, "{}", Samples.T0));
                    throw new IllegalStateException("rolled back");
                });
            } catch (IllegalStateException expected) {
                // the rollback is the point
            }
            long id = OutboxStore.of(jdbi)
                    .append(OutboxEvent.of(OutboxEvent.FILL, "o1", null, "{}", Samples.T0))
                    .id();
            await().atMost(Duration.ofSeconds(10)).until(() -> rec.received.contains(OutboxEvent.CHANNEL + ":" + id));
            assertThat(rec.received)
                    .filteredOn(s -> s.startsWith(OutboxEvent.CHANNEL))
                    .containsExactly(OutboxEvent.CHANNEL + ":" + id);
            assertThat(rec.gaps).hasValue(0);
        }
    }

    @Test
    void reconnectsAfterTheBackendIsKilledAndReportsTheGap() throws Exception {
        Recorder rec = new Recorder();
        try (NotificationListener listener =
                new NotificationListener(DB.dataSource(), List.of("execctl_test"), rec, fast())) {
            listener.start();
            assertThat(listener.awaitListening(Duration.ofSeconds(10))).isTrue();
            notify("execctl_test", "before");
            await().atMost(Duration.ofSeconds(10)).until(() -> rec.received.contains("execctl_test:before"));

            int pid = listener.backendPid();
            boolean killed = jdbi.withHandle(h -> h.createQuery("SELECT pg_terminate_backend(:pid)")
                    .bind("pid", pid)
                    .mapTo(Boolean.class)
                    .one());
            assertThat(killed).isTrue();

            await().atMost(Duration.ofSeconds(20)).until(() -> rec.gaps.get() == 1 && listener.isListening());
            assertThat(listener.reconnects()).isEqualTo(1);
            assertThat(listener.backendPid()).isNotEqualTo(pid);
            assertThat(listener.connectionFailures()).isGreaterThanOrEqualTo(1);

            notify("execctl_test", "after");
            await().atMost(Duration.ofSeconds(10)).until(() -> rec.received.contains("execctl_test:after"));
        }
    }

    @Test
    void aFailingHandlerDoesNotStopTheListener() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        NotificationListener.Handler boom = new NotificationListener.Handler() {
            @Override
            public void onNotification(String channel, String payload) {
                calls.incrementAndGet();
                throw new IllegalStateException("handler bug");
            }

            @Override
            public void onGap() {}
        };
        try (NotificationListener listener = new NotificationListener(
                DB.dataSource(), List.of("execctl_boom"), boom, fast().withGapOnFirstConnect(false))) {
            listener.start();
            assertThat(listener.awaitListening(Duration.ofSeconds(10))).isTrue();
            notify("execctl_boom", "1");
            notify("execctl_boom", "2");
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 2);
            assertThat(listener.handlerErrors()).isEqualTo(2);
            assertThat(listener.isListening()).isTrue();
        }
    }

    @Test
    void keepsTryingWhileTheDatabaseIsUnreachable() throws Exception {
        AtomicInteger refusals = new AtomicInteger(3);
        DataSource real = DB.dataSource();
        DataSource flaky = (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && refusals.getAndDecrement() > 0) {
                        throw new SQLException("connection refused (test)");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Recorder rec = new Recorder();
        try (NotificationListener listener = new NotificationListener(flaky, List.of("execctl_flaky"), rec, fast())) {
            listener.start();
            assertThat(listener.awaitListening(Duration.ofSeconds(20))).isTrue();
            assertThat(listener.connectionFailures()).isEqualTo(3);
            assertThat(listener.reconnects()).isZero();
            assertThat(rec.gaps).hasValue(0);
            notify("execctl_flaky", "x");
            await().atMost(Duration.ofSeconds(10)).until(() -> rec.received.contains("execctl_flaky:x"));
        }
    }

    @Test
    void gapOnFirstConnectLetsTheCallerScanAfterListenIsInPlace() throws Exception {
        Recorder rec = new Recorder();
        try (NotificationListener listener = new NotificationListener(
                DB.dataSource(), List.of("execctl_first"), rec, fast().withGapOnFirstConnect(true))) {
            listener.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> rec.gaps.get() == 1);
            assertThat(listener.reconnects()).isZero();
        }
    }
}
