package io.execctl.kis.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.execctl.config.ReconnectPolicy;
import io.execctl.domain.AccountNo;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Secret;
import io.execctl.domain.Side;
import io.execctl.kis.KisMetrics;
import io.execctl.kis.ws.ExecutionNoticeEvent;
import io.execctl.kis.ws.NoticeKind;
import io.execctl.kis.ws.NoticeLayout;
import io.execctl.kis.ws.NoticeListener;
import io.execctl.kis.ws.NoticeStream;
import io.execctl.kis.ws.NoticeStreamSettings;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.sim.http.Faults;
import io.execctl.sim.market.OrderRecord;
import io.execctl.sim.market.OrderResult;
import io.execctl.sim.market.PlaceOrder;
import io.execctl.sim.market.Source;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notice stream against the in-process KIS simulator: approval key over REST, subscription,
 * encrypted notices of real orders (26 and 23 fields), PINGPONG keeping the session, the simulator
 * dropping every session (reconnect + gap), and corrupt frames.
 */
class NoticeStreamSimTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T01:00:00Z"), ZoneOffset.UTC); // 10:00 KST
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReconnectPolicy FAST = new ReconnectPolicy(
            Duration.ofMillis(50),
            Duration.ofMillis(400),
            Duration.ofMillis(20),
            Duration.ofSeconds(60),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2));

    private final OkHttpClient http = new OkHttpClient();
    private Simulator sim;
    private NoticeStream stream;
    private final Listener listener = new Listener();
    private final Metrics metrics = new Metrics();

    @AfterEach
    void tearDown() {
        if (stream != null) {
            stream.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    static final class Listener implements NoticeListener {
        final List<ExecutionNoticeEvent> notices = new CopyOnWriteArrayList<>();
        final List<String> raw = new CopyOnWriteArrayList<>();
        final List<String> corrupt = new CopyOnWriteArrayList<>();
        final List<String> controls = new CopyOnWriteArrayList<>();
        final List<Instant[]> gaps = new CopyOnWriteArrayList<>();
        final List<String> disconnects = new CopyOnWriteArrayList<>();

        @Override
        public void onRawFrame(String rawFrame, Instant receivedAt) {
            raw.add(rawFrame);
        }

        @Override
        public void onNotice(ExecutionNoticeEvent notice) {
            notices.add(notice);
        }

        @Override
        public void onCorrupt(String rawFrame, String reason) {
            corrupt.add(reason);
        }

        @Override
        public void onControl(String code, String message) {
            controls.add(code);
        }

        @Override
        public void onGap(Instant disconnectedAt, Instant reconnectedAt) {
            gaps.add(new Instant[] {disconnectedAt, reconnectedAt});
        }

        @Override
        public void onDisconnected(String reason) {
            disconnects.add(reason);
        }
    }

    static final class Metrics implements KisMetrics {
        final Map<String, AtomicInteger> frames = new ConcurrentHashMap<>();

        @Override
        public void wsFrame(String outcome) {
            frames.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
        }

        int get(String outcome) {
            AtomicInteger n = frames.get(outcome);
            return n == null ? 0 : n.get();
        }
    }

    private void startSim(SimOptions options) {
        sim = Simulator.start(options.withSpeed(0).withRateLimit(0.0).withClock(CLOCK));
    }

    /** POST /oauth2/Approval as the REST client would. */
    private Secret approvalKey() {
        String body = "{\"grant_type\":\"client_credentials\",\"appkey\":\"" + SimOptions.DEMO_APP_KEY
                + "\",\"secretkey\":\"" + SimOptions.DEMO_APP_SECRET + "\"}";
        Request req = new Request.Builder()
                .url(sim.restUrl() + "/oauth2/Approval")
                .post(RequestBody.create(body, MediaType.get("application/json; charset=utf-8")))
                .build();
        try (Response r = http.newCall(req).execute()) {
            return Secret.of(
                    JSON.readTree(r.body().string()).get("approval_key").asText());
        } catch (IOException e) {
            throw new IllegalStateException("approval key request failed", e);
        }
    }

    private void startStream(NoticeStreamSettings settings) {
        stream = NoticeStream.builder(settings.withReconnect(FAST), this::approvalKey, refused -> {}, listener)
                .metrics(metrics)
                .build();
        stream.start();
        await().atMost(WAIT).until(() -> stream.isSubscribed());
    }

    private String buy(String symbol, long qty, long price) {
        OrderResult r = sim.broker().placeOrder(new PlaceOrder(symbol, Side.BUY, "00", qty, price, Source.API));
        assertThat(r).isInstanceOf(OrderResult.Accepted.class);
        return ((OrderResult.Accepted) r).odno();
    }

    private OrderRecord order(String odno) {
        return sim.broker().ledger().orders().stream()
                .filter(o -> o.odno().equals(odno))
                .findFirst()
                .orElseThrow();
    }

    private List<ExecutionNoticeEvent> noticesOf(String odno) {
        return listener.notices.stream()
                .filter(n -> n.orderNumber() == Long.parseLong(odno))
                .toList();
    }

    @Test
    void realOrderNoticesArriveDecryptedAndSumToTheLedger() {
        startSim(SimOptions.defaults().withEnv(KisEnv.REAL));
        startStream(NoticeStreamSettings.of(KisEnv.REAL, sim.wsUrl(), SimOptions.DEMO_HTS_ID)
                .withTryitoutPath(true));
        assertThat(listener.controls).contains("OPSP0000");

        String odno = buy("005930", 25, 73000);
        OrderRecord rec = order(odno);
        assertThat(rec.filledQty()).isPositive();
        await().atMost(WAIT)
                .until(() -> noticesOf(odno).stream()
                                .filter(ExecutionNoticeEvent::isFill)
                                .mapToLong(ExecutionNoticeEvent::qty)
                                .sum()
                        == rec.filledQty());
        List<ExecutionNoticeEvent> mine = noticesOf(odno);
        assertThat(mine.get(0).kind()).as("acceptance first").isEqualTo(NoticeKind.ACK);
        assertThat(mine).allSatisfy(n -> {
            assertThat(n.trId()).isEqualTo("H0STCNI0");
            assertThat(n.side()).isEqualTo(Side.BUY);
            assertThat(n.symbol()).isEqualTo("005930");
            assertThat(n.layout()).isEqualTo(NoticeLayout.FIELDS_26);
            assertThat(n.isFor(AccountNo.parse(SimOptions.DEMO_ACCOUNT))).isTrue();
            assertThat(n.rejected()).isFalse();
        });
        assertThat(mine.stream().filter(ExecutionNoticeEvent::isFill))
                .allSatisfy(f -> assertThat(f.price()).isPositive());
        assertThat(listener.corrupt).isEmpty();
        assertThat(metrics.get("plaintext_notice")).isZero();
    }

    @Test
    void paperWith23FieldLayoutOnTheBareUrl() {
        startSim(SimOptions.defaults().withEnv(KisEnv.PAPER).withLayout23(true));
        startStream(NoticeStreamSettings.of(KisEnv.PAPER, sim.wsUrl(), SimOptions.DEMO_HTS_ID));
        String odno = buy("000660", 3, 181000);
        await().atMost(WAIT).until(() -> noticesOf(odno).stream().anyMatch(ExecutionNoticeEvent::isFill));
        assertThat(noticesOf(odno)).allSatisfy(n -> {
            assertThat(n.trId()).isEqualTo("H0STCNI9");
            assertThat(n.layout()).isEqualTo(NoticeLayout.FIELDS_23);
            assertThat(n.symbol()).isEqualTo("000660");
        });
        assertThat(listener.corrupt).isEmpty();
    }

    @Test
    void pingpongEchoKeepsTheSessionAlive() {
        startSim(SimOptions.defaults().withPingInterval(Duration.ofMillis(150)));
        startStream(NoticeStreamSettings.of(KisEnv.REAL, sim.wsUrl(), SimOptions.DEMO_HTS_ID));
        await().atMost(WAIT).until(() -> metrics.get("pingpong") >= 5);
        assertThat(listener.disconnects)
                .as("the simulator closes sessions that do not echo")
                .isEmpty();
        assertThat(stream.isSubscribed()).isTrue();
    }

    @Test
    void droppedSessionsReconnectResubscribeAndReportTheGap() {
        startSim(SimOptions.defaults());
        startStream(NoticeStreamSettings.of(KisEnv.REAL, sim.wsUrl(), SimOptions.DEMO_HTS_ID));
        sim.wsServer().dropAll();
        await().atMost(WAIT).until(() -> listener.gaps.size() == 1 && stream.isSubscribed());
        assertThat(listener.disconnects).hasSize(1);
        String odno = buy("005930", 5, 73000);
        await().atMost(WAIT).until(() -> noticesOf(odno).stream().anyMatch(ExecutionNoticeEvent::isFill));
    }

    @Test
    void repeatedScheduledDisconnectsEachEndInAGapAndTheStreamRecovers() {
        startSim(SimOptions.defaults());
        startStream(NoticeStreamSettings.of(KisEnv.REAL, sim.wsUrl(), SimOptions.DEMO_HTS_ID));
        sim.setFaults(Faults.parse(JSON.createObjectNode().put("ws_disconnect_every_s", 0.3)));
        await().atMost(WAIT).until(() -> listener.gaps.size() >= 3);
        sim.setFaults(Faults.NONE);
        await().atMost(WAIT).until(() -> stream.isSubscribed());
        assertThat(listener.disconnects.size()).isGreaterThanOrEqualTo(3);
        assertThat(listener.gaps).allSatisfy(g -> assertThat(g[0]).isBeforeOrEqualTo(g[1]));
        String odno = buy("005930", 6, 73000);
        await().atMost(WAIT).until(() -> noticesOf(odno).stream().anyMatch(ExecutionNoticeEvent::isFill));
    }

    @Test
    void corruptFramesAreCountedAndTheStreamGoesOn() {
        startSim(SimOptions.defaults());
        startStream(NoticeStreamSettings.of(KisEnv.REAL, sim.wsUrl(), SimOptions.DEMO_HTS_ID));
        sim.setFaults(Faults.parse(JSON.createObjectNode().put("corrupt_frame_rate", 1.0)));
        buy("005930", 5, 73000);
        await().atMost(WAIT).until(() -> !listener.corrupt.isEmpty());
        sim.setFaults(Faults.NONE);
        String odno = buy("005930", 4, 73000);
        await().atMost(WAIT).until(() -> noticesOf(odno).stream().anyMatch(ExecutionNoticeEvent::isFill));
        assertThat(listener.disconnects).isEmpty();
        assertThat(listener.raw.size()).isGreaterThan(listener.notices.size());
    }
}
