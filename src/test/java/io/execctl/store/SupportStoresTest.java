package io.execctl.store;

import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.OrderKey;
import io.execctl.store.Submission.State;
import io.execctl.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SupportStoresTest {
    private static TestDatabase db;
    private static Jdbi jdbi;

    @BeforeAll
    static void setUp() {
        db = Samples.migratedDatabase();
        jdbi = Samples.jdbi(db);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static long count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM trade." + table)
                .mapTo(Long.class)
                .one());
    }

    @Test
    void cursorPutTwiceIsOneRow() {
        CursorStore cursors = CursorStore.of(jdbi);
        assertThat(cursors.get("fills")).isEmpty();
        cursors.put("fills", "{\"page\": 2}", Samples.T0);
        cursors.put("fills", "{\"page\": 2}", Samples.T0);
        assertThat(count("sync_cursors")).isEqualTo(1);
        cursors.put("fills", "{\"page\": 3}", Samples.T0.plusSeconds(1));
        assertThat(cursors.get("fills")).contains("{\"page\": 3}");
        assertThat(cursors.updatedAt("fills")).contains(Samples.T0.plusSeconds(1));
        assertThat(cursors.delete("fills")).isTrue();
        assertThat(cursors.get("fills")).isEmpty();
        assertThatThrownBy(() -> cursors.put("bad", "not json", Samples.T0)).hasMessageContaining("json");
    }

    @Test
    void brokerMessagesAreAppendedAsReceivedEvenUnparsable() {
        BrokerMessageStore messages = BrokerMessageStore.of(jdbi);
        long ok = messages.append(BrokerMessage.ok(
                Samples.T0,
                BrokerMessage.Channel.WS,
                "H0STCNI0",
                null,
                "0|H0STCNI0|001|decrypted^fields",
                "20260113-06010-0000000001"));
        long bad = messages.append(BrokerMessage.error(
                Samples.T0,
                BrokerMessage.Channel.REST,
                "TTTC0081R",
                "/uapi/domestic-stock/v1/trading/inquire-daily-ccld",
                "<html>502</html>",
                "not JSON"));
        assertThat(bad).isGreaterThan(ok);
        assertThat(messages.findByCorrelation("20260113-06010-0000000001"))
                .singleElement()
                .satisfies(m -> assertThat(m.payload()).isEqualTo("0|H0STCNI0|001|decrypted^fields"));
        assertThat(messages.recentErrors(5)).singleElement().satisfies(m -> {
            assertThat(m.error()).isEqualTo("not JSON");
            assertThat(m.payload()).isEqualTo("<html>502</html>");
            assertThat(m.toString()).doesNotContain("502");
        });
        assertThat(messages.findAfter(ok, 10)).extracting(BrokerMessage::id).containsExactly(bad);
    }

    @Test
    void outboxDedupesByKeyAndTracksPublication() {
        OutboxStore outbox = OutboxStore.of(jdbi);
        OutboxEvent fill =
                OutboxEvent.of(OutboxEvent.FILL, "20260113-06010-0000000001", "FILL:abc", "{\"qty\": 3}", Samples.T0);
        OutboxStore.Appended first = outbox.append(fill);
        OutboxStore.Appended again = outbox.append(fill);
        assertThat(first.created()).isTrue();
        assertThat(again).isEqualTo(new OutboxStore.Appended(first.id(), false));
        OutboxStore.Appended unkeyed1 =
                outbox.append(OutboxEvent.of(OutboxEvent.ORDER_STATUS, "o", null, "{}", Samples.T0));
        OutboxStore.Appended unkeyed2 =
                outbox.append(OutboxEvent.of(OutboxEvent.ORDER_STATUS, "o", null, "{}", Samples.T0));
        assertThat(unkeyed2.id()).isGreaterThan(unkeyed1.id());

        assertThat(outbox.findUnpublishedAfter(0, 10))
                .extracting(OutboxEvent::id)
                .containsExactly(first.id(), unkeyed1.id(), unkeyed2.id());
        assertThat(outbox.markPublished(first.id(), Samples.T0.plusSeconds(1))).isTrue();
        assertThat(outbox.markPublished(first.id(), Samples.T0.plusSeconds(2))).isFalse();
        assertThat(outbox.findUnpublishedAfter(0, 10))
                .extracting(OutboxEvent::id)
                .containsExactly(unkeyed1.id(), unkeyed2.id());
        assertThat(outbox.findAfter(0, 1)).singleElement().satisfies(e -> {
            assertThat(e.published()).isTrue();
            assertThat(e.payloadJson()).isEqualTo("{\"qty\": 3}");
            assertThat(e.eventKey()).isEqualTo("FILL:abc");
        });
        assertThatThrownBy(() -> OutboxEvent.of("fill", "x", null, "{}", Samples.T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parkedNoticesAreKeyedByReceiptNeverByPayload() {
        ParkedNoticeStore parked = ParkedNoticeStore.of(jdbi);
        OrderKey order = OrderKey.of(Samples.ACCOUNT, Samples.DAY, "42");
        OrderKey otherAccount = OrderKey.of("87654321-01", Samples.DAY, "42");
        NoticeReceipt r1 = new NoticeReceipt("conn-a", 17, 0);
        long id = parked.park(order, r1, "notice-a", Samples.T0);
        // The same receipt again (a retry after a crash) is the same row...
        assertThat(parked.park(order, r1, "notice-a", Samples.T0.plusSeconds(1)))
                .isEqualTo(id);
        // ...but two genuine identical fills in one second are two notices (today: one row by payload).
        long twin = parked.park(order, new NoticeReceipt("conn-a", 17, 1), "notice-a", Samples.T0);
        long theirs = parked.park(otherAccount, new NoticeReceipt("conn-a", 18, 0), "notice-a", Samples.T0);
        assertThat(twin).isNotEqualTo(id);
        assertThat(parked.pendingFor(order)).extracting(ParkedNotice::id).containsExactly(id, twin);
        assertThat(parked.pendingFor(otherAccount)).extracting(ParkedNotice::id).containsExactly(theirs);
        assertThat(parked.pendingFor(order).get(1).receipt()).isEqualTo(new NoticeReceipt("conn-a", 17, 1));
        assertThat(parked.pendingFor(order).get(0).key()).contains(order);

        assertThat(parked.recordAttempt(id, Samples.T0.plusSeconds(5), "order unknown"))
                .isTrue();
        assertThat(parked.pending(10))
                .filteredOn(n -> n.id() == id)
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.attempts()).isEqualTo(1);
                    assertThat(n.lastError()).isEqualTo("order unknown");
                    assertThat(n.toString()).doesNotContain("notice-a");
                });
        assertThat(parked.resolve(id, Samples.T0.plusSeconds(6), "applied")).isTrue();
        assertThat(parked.resolve(id, Samples.T0.plusSeconds(7), "applied")).isFalse();
        assertThat(parked.recordAttempt(id, Samples.T0.plusSeconds(8), "late")).isFalse();
        assertThat(parked.countPending()).isEqualTo(2);
    }

    @Test
    void anIntentIsClaimedOnceAndMovesOnlyForward() {
        SubmissionStore journal = SubmissionStore.of(jdbi);
        UUID intent = UUID.randomUUID();
        Instant t = Samples.T0;
        assertThat(journal.claim(intent, "host-a:1", "{\"PDNO\": \"005930\"}", t))
                .get()
                .satisfies(s -> assertThat(s.state()).isEqualTo(State.CLAIMED));
        assertThat(journal.claim(intent, "host-b:2", "{}", t)).isEmpty();
        assertThat(count("submissions WHERE intent_id = '" + intent + "'")).isEqualTo(1);

        assertThat(journal.markSent(intent, "host-b:2", t)).as("not the owner").isFalse();
        assertThat(journal.markSent(intent, "host-a:1", t.plusSeconds(1))).isTrue();
        assertThat(journal.markAccepted(intent, "20260113-06010-0000000001", "{\"ODNO\":\"1\"}", t))
                .isTrue();
        assertThat(journal.markAccepted(intent, "20260113-06010-0000000001", "{}", t))
                .isFalse();
        assertThat(journal.markFailed(intent, "late", t)).isFalse();
        Submission done = journal.find(intent).orElseThrow();
        assertThat(done.state()).isEqualTo(State.ACCEPTED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.orderId()).isEqualTo("20260113-06010-0000000001");
        assertThat(done.responseJson()).isEqualTo("{\"ODNO\": \"1\"}");
        assertThat(done.toString()).doesNotContain("PDNO");
    }

    @Test
    void concurrentClaimsOfOneIntentHaveExactlyOneWinner() throws Exception {
        SubmissionStore journal = SubmissionStore.of(jdbi);
        UUID intent = UUID.randomUUID();
        int contenders = 4;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                String owner = "daemon-" + i;
                results.add(pool.submit(() -> {
                    Concurrency.await(start);
                    return journal.claim(intent, owner, "{}", Samples.T0).isPresent();
                }));
            }
            start.countDown();
            int winners = 0;
            for (var r : results) {
                winners += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(count("submissions WHERE intent_id = '" + intent + "'")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownOutcomesAreResolvedNeverFailed() {
        SubmissionStore journal = SubmissionStore.of(jdbi);
        UUID intent = UUID.randomUUID();
        Instant t = Samples.T0;
        journal.claim(intent, "p1", "{}", t);
        journal.markSent(intent, "p1", t);
        assertThat(journal.markUnknown(intent, "read timeout", t.plusSeconds(5)))
                .isTrue();
        assertThat(journal.findUnsettled()).extracting(Submission::intentId).contains(intent);
        assertThat(journal.markFailed(intent, "give up", t)).isFalse();
        assertThat(journal.markResolved(intent, null, "no order in inquire-daily-ccld", t.plusSeconds(30)))
                .isTrue();
        Submission s = journal.find(intent).orElseThrow();
        assertThat(s.state()).isEqualTo(State.RESOLVED);
        assertThat(s.error()).isEqualTo("no order in inquire-daily-ccld");
        assertThat(journal.findByState(EnumSet.of(State.RESOLVED)))
                .extracting(Submission::intentId)
                .contains(intent);
        assertThat(journal.findUnsettled()).extracting(Submission::intentId).doesNotContain(intent);
    }

    @Test
    void aStaleClaimCanBeTakenOverOnlyBeforeSending() {
        SubmissionStore journal = SubmissionStore.of(jdbi);
        UUID intent = UUID.randomUUID();
        Instant t = Samples.T0;
        journal.claim(intent, "dead:1", "{}", t);
        assertThat(journal.takeOver(intent, "alive:2", t, t.plusSeconds(60)))
                .as("not stale yet")
                .isFalse();
        assertThat(journal.takeOver(intent, "alive:2", t.plusSeconds(30), t.plusSeconds(60)))
                .isTrue();
        assertThat(journal.markSent(intent, "dead:1", t.plusSeconds(61))).isFalse();
        assertThat(journal.markSent(intent, "alive:2", t.plusSeconds(61))).isTrue();
        assertThat(journal.takeOver(intent, "third:3", t.plusSeconds(999), t.plusSeconds(999)))
                .isFalse();
        assertThat(journal.markRejected(intent, "{\"rt_cd\":\"1\"}", "APBK0919 insufficient", t.plusSeconds(62)))
                .isTrue();
        assertThat(journal.find(intent).orElseThrow().state()).isEqualTo(State.REJECTED);
    }
}
