package io.execctl.store;

import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.OrderKey;
import io.execctl.testing.DatabaseExtension;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SupportStoresTest {
    @RegisterExtension
    static final DatabaseExtension DB = DatabaseExtension.migrated();

    private static Jdbi jdbi;

    @BeforeAll
    static void setUp() {
        jdbi = DB.jdbi();
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
}
