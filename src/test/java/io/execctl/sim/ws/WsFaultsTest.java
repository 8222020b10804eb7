package io.execctl.sim.ws;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.execctl.sim.ws.TestNotices.APPROVAL_A;
import static io.execctl.sim.ws.TestNotices.HTS;
import static io.execctl.sim.ws.TestNotices.KEYS;
import static io.execctl.sim.ws.TestNotices.fill;
import static io.execctl.sim.ws.WsTestClient.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The WebSocket faults, observed by a raw client that decrypts on its own. */
class WsFaultsTest {
    private SimWsServer server;
    private WsTestClient client;
    private String key;
    private String iv;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void startSubscribed(WsOptions options) {
        server = SimWsServer.start(options, KEYS);
        client = WsTestClient.connect(server.port(), "/");
        client.send(request(APPROVAL_A, "1", options.noticeTrId(), HTS));
        await().until(() -> client.controls().size() == 1);
        JsonNode ack = client.controls().get(0);
        key = ack.at("/body/output/key").asText();
        iv = ack.at("/body/output/iv").asText();
    }

    private void startSubscribed() {
        startSubscribed(WsOptions.defaults(HTS, false));
    }

    /** ODER_NO of every record of every data frame, in arrival order. */
    private List<String> orderNumbers() throws Exception {
        List<String> out = new ArrayList<>();
        for (String frame : client.dataFrames()) {
            String[] parts = frame.split("\\|", 4);
            int count = Integer.parseInt(parts[2]);
            String[] fields = WsTestClient.decrypt(key, iv, parts[3]).split("\\^", -1);
            assertThat(fields).hasSize(26 * count);
            for (int r = 0; r < count; r++) {
                out.add(fields[r * 26 + 2]);
            }
        }
        return out;
    }

    private static String odno(int i) {
        return String.format("%010d", i);
    }

    @Test
    void duplicateSendsTwoIdenticalFrames() throws Exception {
        startSubscribed();
        server.setFaults(new WsFaults(0, 1, 0, 0, 0));
        server.publish(fill(HTS, odno(1), 1, 72000));
        await().until(() -> client.dataFrames().size() == 2);
        assertThat(client.dataFrames().get(0)).isEqualTo(client.dataFrames().get(1));
        assertThat(orderNumbers()).containsExactly(odno(1), odno(1));
        assertThat(server.stats().noticesDuplicated()).isEqualTo(1);
    }

    @Test
    void dropSendsNothing() throws Exception {
        startSubscribed();
        server.setFaults(new WsFaults(1, 0, 0, 0, 0));
        server.publish(fill(HTS, odno(1), 1, 72000));
        server.setFaults(WsFaults.NONE);
        server.publish(fill(HTS, odno(2), 1, 72000));
        await().until(() -> client.dataFrames().size() == 1);
        assertThat(orderNumbers()).containsExactly(odno(2));
        assertThat(server.stats().noticesDropped()).isEqualTo(1);
    }

    @Test
    void reorderSendsTheHeldNoticeAfterTheNextOne() throws Exception {
        startSubscribed();
        server.setFaults(new WsFaults(0, 0, 1, 0, 0));
        server.publish(fill(HTS, odno(1), 1, 72000));
        server.publish(fill(HTS, odno(2), 1, 72000));
        await().until(() -> client.dataFrames().size() == 2);
        assertThat(orderNumbers()).containsExactly(odno(2), odno(1));
    }

    @Test
    void aHeldNoticeWithNoSuccessorIsReleasedAtThePingpongTick() throws Exception {
        startSubscribed(WsOptions.defaults(HTS, false).withPingInterval(Duration.ofMillis(500)));
        server.setFaults(new WsFaults(0, 0, 1, 0, 0));
        server.publish(fill(HTS, odno(1), 1, 72000));
        await().until(() -> client.dataFrames().size() == 1);
        assertThat(orderNumbers()).containsExactly(odno(1));
    }

    @Test
    void corruptFramesCannotBeDecrypted() {
        startSubscribed();
        server.setFaults(new WsFaults(0, 0, 0, 1, 0));
        for (int i = 1; i <= 8; i++) {
            server.publish(fill(HTS, odno(i), 1, 72000));
        }
        await().until(() -> client.dataFrames().size() == 8);
        for (String frame : client.dataFrames()) {
            String[] parts = frame.split("\\|", 4);
            assertThat(parts[0] + "|" + parts[1] + "|" + parts[2]).isEqualTo("1|H0STCNI0|001");
            assertThatThrownBy(() -> WsTestClient.decrypt(key, iv, parts[3])).isInstanceOf(Exception.class);
        }
        assertThat(server.stats().noticesCorrupted()).isEqualTo(8);
    }

    @Test
    void disconnectScheduleClosesEverySession() {
        startSubscribed();
        server.setFaults(new WsFaults(0, 0, 0, 0, 0.2));
        await().until(() -> client.isGone());
        await().until(() -> server.sessionCount() == 0);
        assertThat(server.stats().scheduledDisconnects()).isPositive();
    }

    @Test
    void sameSeedAndPublishesGiveTheSameFaultPattern() throws Exception {
        List<String> first = runDropHalf(7);
        tearDown();
        List<String> second = runDropHalf(7);
        assertThat(second).isEqualTo(first);
        assertThat(first).hasSizeBetween(3, 17);
    }

    private List<String> runDropHalf(long seed) throws Exception {
        startSubscribed(WsOptions.defaults(HTS, false).withSeed(seed));
        server.setFaults(new WsFaults(0.5, 0, 0, 0, 0));
        for (int i = 1; i <= 20; i++) {
            server.publish(fill(HTS, odno(i), 1, 72000));
        }
        long expected = 20 - server.stats().noticesDropped();
        await().until(() -> client.dataFrames().size() == expected);
        return orderNumbers();
    }

    @Test
    void batchedFramesCarryTheRecordCountAndKeepOrder() throws Exception {
        startSubscribed(WsOptions.defaults(HTS, false).withMaxRecordsPerFrame(50));
        for (int i = 1; i <= 300; i++) {
            server.publish(fill(HTS, odno(i), 1, 72000));
        }
        await().until(() ->
                server.stats().noticeFramesSent() == client.dataFrames().size()
                        && orderNumbers().size() == 300);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            expected.add(odno(i));
        }
        assertThat(orderNumbers()).isEqualTo(expected);
    }

    @Test
    void combinedRatesApplyInOrderAtMostOneFaultPerNotice() throws Exception {
        startSubscribed();
        server.setFaults(new WsFaults(0.5, 1, 0, 0, 0));
        for (int i = 1; i <= 40; i++) {
            server.publish(fill(HTS, odno(i), 1, 72000));
        }
        WsStats stats = server.stats();
        assertThat(stats.noticesDropped() + stats.noticesDuplicated()).isEqualTo(40);
        assertThat(stats.noticesDropped()).isBetween(8L, 32L);
        await().until(() -> client.dataFrames().size() == 2 * stats.noticesDuplicated());
        List<String> got = orderNumbers();
        for (int i = 0; i < got.size(); i += 2) {
            assertThat(got.get(i + 1)).isEqualTo(got.get(i));
        }
    }

    @Test
    void faultRatesAreValidated() {
        assertThatThrownBy(() -> new WsFaults(-0.1, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WsFaults(0, 0, 0, 1.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WsFaults(0, 0, 0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WsFaults(Double.NaN, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
