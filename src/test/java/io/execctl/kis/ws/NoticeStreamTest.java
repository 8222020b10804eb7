package io.execctl.kis.ws;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.execctl.config.ReconnectPolicy;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Secret;
import io.execctl.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import static io.execctl.kis.ws.NoticeFixtures.HTS;
import static io.execctl.kis.ws.NoticeFixtures.IV;
import static io.execctl.kis.ws.NoticeFixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The stream against a scripted KIS endpoint (mockwebserver3 WebSocket upgrade). */
class NoticeStreamTest {
    private static final String TR = "H0STCNI0";
    private static final Instant T0 = Instant.parse("2026-11-24T00:30:00Z"); // 09:30 KST
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeKisWsServer kis;
    private final MutableClock clock = new MutableClock(T0);
    private final RecordingScheduler scheduler = new RecordingScheduler();
    private final CountingMetrics metrics = new CountingMetrics();
    private final AtomicInteger keyVersion = new AtomicInteger(1);
    private final List<Secret> invalidated = new CopyOnWriteArrayList<>();
    private RecordingListener listener = new RecordingListener();
    private NoticeStream stream;

    @BeforeEach
    void setUp() throws Exception {
        kis = new FakeKisWsServer();
    }

    @AfterEach
    void tearDown() {
        if (stream != null) {
            stream.close();
        }
        kis.close();
        scheduler.shutdown();
    }

    private NoticeStreamSettings settings() {
        return NoticeStreamSettings.of(KisEnv.REAL, kis.url(), HTS);
    }

    private Secret approvalKey() {
        return Secret.of("approval-key-v" + keyVersion.get() + "-0000000000000000000");
    }

    private NoticeStream start(NoticeStreamSettings settings) {
        stream = NoticeStream.builder(
                        settings,
                        this::approvalKey,
                        refused -> {
                            invalidated.add(refused);
                            keyVersion.incrementAndGet();
                        },
                        listener)
                .scheduler(scheduler)
                .clock(clock)
                .random(ReconnectPolicyTest.fixed(1.0))
                .metrics(metrics)
                .build();
        stream.start();
        return stream;
    }

    private void startSubscribed() {
        start(settings());
        await().atMost(WAIT).until(() -> stream.isSubscribed());
    }

    private String fill(String orderNo) {
        List<String> f = NoticeFixtures.fill26();
        f.set(2, orderNo);
        return NoticeFixtures.encryptedFrame(TR, 1, NoticeFixtures.join(f));
    }

    private static List<Long> seconds(List<Duration> ds) {
        return ds.stream().map(Duration::toSeconds).toList();
    }

    @Test
    void subscribesWithTheExactFrameAndKeepsTheKey() {
        startSubscribed();
        assertThat(kis.sessions).hasSize(1);
        assertThat(kis.last().received)
                .containsExactly(
                        "{\"header\":{\"approval_key\":\"approval-key-v1-0000000000000000000\",\"custtype\":\"P\",\"tr_type\":\"1\","
                                + "\"content-type\":\"utf-8\"},\"body\":{\"input\":{\"tr_id\":\"H0STCNI0\",\"tr_key\":\"demo\"}}}");
        assertThat(kis.paths).containsExactly("/");
        assertThat(listener.connects).isEqualTo(1);
        assertThat(listener.controls).containsExactly("OPSP0000");
        assertThat(listener.gaps)
                .as("the first subscription is not a reconnect")
                .isEmpty();
        assertThat(metrics.get("control.OPSP0000")).isEqualTo(1);
        assertThat(metrics.frames(FrameOutcome.ACK)).isEqualTo(1);

        kis.last().send(fill("0000000001"));
        await().atMost(WAIT).until(() -> listener.notices.size() == 1);
        assertThat(listener.notices.get(0).at()).isEqualTo(Instant.parse("2026-11-24T00:30:15Z"));
        assertThat(listener.notices.get(0).receivedAt()).isEqualTo(T0);
    }

    @Test
    void paperUsesH0stcni9AndTheTryitoutPath() {
        kis.ackReply = NoticeFixtures.ack("H0STCNI9", HTS, KEY, IV);
        start(NoticeStreamSettings.of(KisEnv.PAPER, kis.url(), HTS).withTryitoutPath(true));
        await().atMost(WAIT).until(() -> stream.isSubscribed());
        assertThat(kis.paths).containsExactly("/tryitout");
        assertThat(kis.last().received.get(0)).contains("\"tr_id\":\"H0STCNI9\"");
        kis.last().send(NoticeFixtures.encryptedFrame("H0STCNI9", 1, NoticeFixtures.join(NoticeFixtures.fill23())));
        await().atMost(WAIT).until(() -> listener.notices.size() == 1);
        assertThat(listener.notices.get(0).trId()).isEqualTo("H0STCNI9");
        assertThat(listener.notices.get(0).layout()).isEqualTo(NoticeLayout.FIELDS_23);
    }

    @Test
    void rawFramesReachTheListenerBeforeTheParsedNotices() {
        startSubscribed();
        List<String> second = NoticeFixtures.fill26();
        second.set(2, "0000000003");
        String multi =
                NoticeFixtures.encryptedFrame(TR, 2, NoticeFixtures.joinRecords(NoticeFixtures.fill26(), second));
        kis.last().send(fill("0000000001"));
        kis.last().send(multi);
        await().atMost(WAIT).until(() -> listener.notices.size() == 3);
        assertThat(listener.raw).endsWith(fill("0000000001"), multi);
        int firstNotice = listener.log.indexOf("notice 0000000001");
        assertThat(listener.log.get(firstNotice - 1)).isEqualTo("raw");
        assertThat(listener.log.subList(firstNotice + 1, listener.log.size()))
                .containsExactly("raw", "notice 0000012345", "notice 0000000003");
        assertThat(metrics.frames(FrameOutcome.NOTICE)).isEqualTo(3);
    }

    @Test
    void multiRecordFramesOfThreeIn23FieldLayout() {
        startSubscribed();
        kis.last()
                .send(NoticeFixtures.encryptedFrame(
                        TR,
                        3,
                        NoticeFixtures.joinRecords(
                                NoticeFixtures.fill23(), NoticeFixtures.fill23(), NoticeFixtures.fill23())));
        await().atMost(WAIT).until(() -> listener.notices.size() == 3);
        assertThat(listener.corrupt).isEmpty();
    }

    @Test
    void pingpongIsEchoedVerbatim() {
        startSubscribed();
        String ping = NoticeFixtures.pingpong("20261124093010");
        kis.last().send(ping);
        await().atMost(WAIT).until(() -> kis.last().received.contains(ping));
        assertThat(kis.last().received).containsExactly(kis.last().received.get(0), ping);
        assertThat(metrics.frames(FrameOutcome.PINGPONG)).isEqualTo(1);
        assertThat(listener.raw).contains(ping);
        assertThat(listener.controls).doesNotContain("PINGPONG");
    }

    @Test
    void corruptFramesAreCountedKeptAndTheConnectionGoesOn() {
        startSubscribed();
        String badBase64 = "1|" + TR + "|001|!!!not base64!!!";
        String wrongKey = "1|" + TR + "|001|"
                + NoticeFixtures.encrypt(NoticeFixtures.join(NoticeFixtures.fill26()), NoticeFixtures.OTHER_KEY, IV);
        String truncated = NoticeFixtures.encryptedFrame(
                TR, 1, NoticeFixtures.join(NoticeFixtures.fill26().subList(0, 17)));
        String unknownTr = NoticeFixtures.encryptedFrame("H0STCNT0", 1, NoticeFixtures.join(NoticeFixtures.fill26()));
        String garbage = "<html>502 Bad Gateway</html>";
        List<String> badSide = NoticeFixtures.fill26();
        badSide.set(4, "ZZ");
        String badRecord =
                NoticeFixtures.encryptedFrame(TR, 2, NoticeFixtures.joinRecords(badSide, NoticeFixtures.fill26()));
        for (String f : List.of(badBase64, wrongKey, truncated, unknownTr, garbage, badRecord)) {
            kis.last().send(f);
        }
        kis.last().socket.send(ByteString.encodeUtf8("binary?"));
        kis.last().send(fill("0000000009"));
        await().atMost(WAIT)
                .until(() -> listener.notices.stream().anyMatch(n -> n.orderNo().equals("0000000009")));
        assertThat(listener.notices)
                .extracting(ExecutionNoticeEvent::orderNo)
                .containsExactly("0000012345", "0000000009");
        assertThat(listener.corrupt).hasSize(7);
        assertThat(listener.raw).contains(badBase64, wrongKey, truncated, unknownTr, garbage, badRecord);
        assertThat(metrics.frames(FrameOutcome.UNDECRYPTABLE) + metrics.frames(FrameOutcome.CORRUPT))
                .isEqualTo(4);
        assertThat(metrics.frames(FrameOutcome.UNKNOWN_TR)).isEqualTo(1);
        assertThat(metrics.frames(FrameOutcome.BAD_RECORD)).isEqualTo(1);
        assertThat(metrics.frames(FrameOutcome.BINARY)).isEqualTo(1);
        assertThat(kis.sessions).as("no reconnect").hasSize(1);
        assertThat(scheduler.delays).isEmpty();
        assertThat(stream.isSubscribed()).isTrue();
    }

    @Test
    void plainNoticeIsDeliveredButCountedAsAnAnomaly() {
        startSubscribed();
        kis.last().send(NoticeFixtures.plainFrame(TR, 1, NoticeFixtures.join(NoticeFixtures.fill26())));
        await().atMost(WAIT).until(() -> listener.notices.size() == 1);
        assertThat(metrics.frames(FrameOutcome.PLAIN_NOTICE)).isEqualTo(1);
        assertThat(metrics.frames(FrameOutcome.NOTICE)).isZero();
    }

    @Test
    void noticeBeforeTheAckIsKeptAsCorruptThenNoticesFlowOnceKeyed() {
        kis.ackReply = null;
        start(settings());
        await().atMost(WAIT)
                .until(() -> kis.sessions.size() == 1 && kis.last().received.size() == 1);
        kis.last().send(fill("0000000001"));
        await().atMost(WAIT).until(() -> metrics.frames(FrameOutcome.NO_KEY) == 1);
        kis.last().send(NoticeFixtures.ack(TR, HTS, KEY, IV));
        kis.last().send(fill("0000000002"));
        await().atMost(WAIT).until(() -> listener.notices.size() == 1);
        assertThat(listener.notices.get(0).orderNo()).isEqualTo("0000000002");
        assertThat(listener.corrupt).hasSize(1);
    }

    @Test
    void alreadyInUseIsReportedAndBacksOffLongWithoutLooping() {
        kis.ackReply = NoticeFixtures.IN_USE;
        scheduler.hold();
        start(settings());
        await().atMost(WAIT).until(() -> scheduler.delays.size() == 1);
        assertThat(listener.controls).containsExactly("OPSP8996");
        assertThat(seconds(scheduler.delays)).containsExactly(60L);
        assertThat(listener.disconnects).singleElement().asString().contains("OPSP8996");
        assertThat(kis.handshakes.get()).isEqualTo(1);
        assertThat(metrics.get("control.OPSP8996")).isEqualTo(1);

        scheduler.release(); // let the retries run: each further refusal doubles the wait
        await().atMost(WAIT).until(() -> scheduler.delays.size() >= 3);
        stream.close();
        assertThat(seconds(scheduler.delays.subList(0, 3))).containsExactly(60L, 120L, 240L);
        assertThat(stream.isSubscribed()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "OPSP0002|1|ALREADY IN SUBSCRIBE",
                "OPSP0002|0|ALREADY IN SUBSCRIBE",
                "OPSP0007|1|SUBSCRIBE ERROR : internal error",
                "OPSP0008|1|MAX SUBSCRIBE OVER",
                "OPSP0000|1|SUBSCRIBE FAILED",
                "OPSP9999|1|SOMETHING NEW"
            })
    void aRefusedSubscriptionCountsAsLostAndIsRetriedWithCappedBackoff(String row) {
        String[] f = row.split("\\|");
        kis.ackReply = NoticeFixtures.control(TR, f[1], f[0], f[2]);
        scheduler.hold();
        start(settings());
        await().atMost(WAIT).until(() -> scheduler.delays.size() == 1);
        assertThat(listener.controls).containsExactly(f[0]);
        assertThat(listener.disconnects).singleElement().asString().contains("subscription refused", f[0]);
        assertThat(stream.isSubscribed()).isFalse();
        assertThat(metrics.get("control." + f[0])).isEqualTo(1);

        scheduler.release(); // every retry is refused again: the waits grow to the cap, never a tight loop
        await().atMost(WAIT).until(() -> scheduler.delays.size() >= 7);
        stream.close();
        assertThat(seconds(scheduler.delays.subList(0, 7))).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
        assertThat(kis.subscribeCount()).isGreaterThanOrEqualTo(7);
        assertThat(listener.gaps).isEmpty();
    }

    @Test
    void refusalBackoffIsJitteredAndNeverBelowTheFloor() {
        kis.ackReply = NoticeFixtures.MAX_OVER;
        stream = NoticeStream.builder(settings(), this::approvalKey, k -> {}, listener)
                .scheduler(scheduler)
                .clock(clock)
                .random(new SplittableRandom(7))
                .metrics(metrics)
                .build();
        stream.start();
        await().atMost(WAIT).until(() -> scheduler.delays.size() >= 8);
        stream.close();
        List<Duration> delays = scheduler.delays.subList(0, 8);
        for (int i = 0; i < delays.size(); i++) {
            assertThat(delays.get(i)).isBetween(Duration.ofMillis(500), ReconnectPolicy.DEFAULT.ceiling(i));
        }
        assertThat(delays.stream().distinct().count())
                .as("jittered, not a fixed schedule")
                .isGreaterThanOrEqualTo(5);
    }

    @Test
    void aRefusalAfterTheSubscriptionReplacesTheConnectionAndReportsTheGap() {
        startSubscribed();
        clock.advance(Duration.ofSeconds(3));
        kis.last().send(NoticeFixtures.control(TR, "1", "OPSP0002", "ALREADY IN SUBSCRIBE"));
        await().atMost(WAIT).until(() -> listener.gaps.size() == 1);
        assertThat(listener.disconnects).singleElement().asString().contains("OPSP0002");
        assertThat(kis.subscribeCount()).isEqualTo(2);
        assertThat(seconds(scheduler.delays)).containsExactly(1L);
    }

    @Test
    void unknownSuccessfulControlCodesAreReportedAndCounted() {
        startSubscribed();
        kis.last().send(NoticeFixtures.control(TR, "0", "OPSP9999", "SOMETHING NEW"));
        kis.last().send(NoticeFixtures.control(TR, "0", "OPSP0001", "UNSUBSCRIBE SUCCESS"));
        await().atMost(WAIT).until(() -> listener.controls.size() == 3);
        assertThat(listener.controls).containsExactly("OPSP0000", "OPSP9999", "OPSP0001");
        assertThat(metrics.frames(FrameOutcome.UNKNOWN_CONTROL)).isEqualTo(1);
        assertThat(stream.isSubscribed()).isTrue();
        assertThat(scheduler.delays).isEmpty();
    }

    @Test
    void serverCloseReconnectsResubscribesAndReportsTheGap() {
        startSubscribed();
        kis.last().send(fill("0000000001"));
        await().atMost(WAIT).until(() -> listener.notices.size() == 1);
        clock.advance(Duration.ofSeconds(5));
        kis.last().socket.close(1000, "maintenance");
        await().atMost(WAIT).until(() -> listener.gaps.size() == 1);
        assertThat(kis.subscribeCount()).isEqualTo(2);
        assertThat(kis.sessions.get(1).received.get(0))
                .contains("\"tr_type\":\"1\"")
                .contains("\"tr_id\":\"H0STCNI0\"");
        assertThat(listener.gaps.get(0)).containsExactly(T0, T0.plusSeconds(5));
        assertThat(seconds(scheduler.delays)).containsExactly(1L);
        assertThat(listener.disconnects).singleElement().asString().contains("1000");
        assertThat(listener.log).containsSubsequence("disconnected", "connected", "control OPSP0000", "gap");
        assertThat(metrics.get("gap")).isEqualTo(1);
        assertThat(metrics.get("reconnect")).isEqualTo(1);

        kis.last().send(fill("0000000002"));
        await().atMost(WAIT).until(() -> listener.notices.size() == 2);
    }

    @Test
    void refusedHandshakesBackOffToTheCapThenTheGapIsReported() {
        kis.refuseFirst = 7;
        start(settings());
        await().atMost(WAIT).until(() -> listener.gaps.size() == 1);
        assertThat(seconds(scheduler.delays)).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
        assertThat(kis.handshakes.get()).isEqualTo(8);
        assertThat(listener.disconnects).hasSize(7).allSatisfy(r -> assertThat(r)
                .contains("503"));
        assertThat(listener.connects).isEqualTo(1);
        assertThat(listener.gaps.get(0)[0])
                .as("notices may be missing since start")
                .isEqualTo(T0);
    }

    @Test
    void serverThatAcksThenClosesDoesNotCauseATightLoop() {
        kis.closeAfterAck = true;
        start(settings());
        await().atMost(WAIT).until(() -> scheduler.delays.size() >= 7);
        stream.close();
        assertThat(seconds(scheduler.delays.subList(0, 7))).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
        assertThat(scheduler.delays).allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofMillis(500)));
    }

    @Test
    void aStableConnectionResetsTheBackoff() {
        kis.refuseFirst = 3;
        start(settings());
        await().atMost(WAIT).until(() -> stream.isSubscribed());
        clock.advance(Duration.ofSeconds(61));
        kis.last().socket.close(1000, "bye");
        await().atMost(WAIT).until(() -> listener.gaps.size() == 2);
        assertThat(seconds(scheduler.delays)).containsExactly(1L, 2L, 4L, 1L);
    }

    @Test
    void aSilentPeerIsDeclaredDeadAndReplaced() {
        startSubscribed();
        assertThat(scheduler.periods).containsExactly(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(29));
        scheduler.firePeriodic();
        assertThat(scheduler.delays).as("29 s of silence is still alive").isEmpty();
        kis.last().send(NoticeFixtures.pingpong("20261124093029"));
        await().atMost(WAIT).until(() -> metrics.frames(FrameOutcome.PINGPONG) == 1);
        clock.advance(Duration.ofSeconds(29));
        scheduler.firePeriodic();
        assertThat(scheduler.delays).as("a PINGPONG counts as life").isEmpty();
        clock.advance(Duration.ofSeconds(2));
        scheduler.firePeriodic();
        await().atMost(WAIT).until(() -> listener.gaps.size() == 1);
        assertThat(listener.disconnects).singleElement().asString().contains("dead peer");
        assertThat(kis.subscribeCount()).isEqualTo(2);
        assertThat(listener.gaps.get(0)[0]).isEqualTo(T0.plusSeconds(29));
    }

    @Test
    void anUnansweredSubscriptionIsRetried() {
        kis.ackReply = null;
        start(settings());
        await().atMost(WAIT)
                .until(() -> kis.sessions.size() == 1 && kis.last().received.size() == 1);
        kis.last().send(NoticeFixtures.pingpong("1"));
        await().atMost(WAIT).until(() -> metrics.frames(FrameOutcome.PINGPONG) == 1);
        clock.advance(Duration.ofSeconds(20));
        kis.last().send(NoticeFixtures.pingpong("2"));
        await().atMost(WAIT).until(() -> metrics.frames(FrameOutcome.PINGPONG) == 2);
        clock.advance(Duration.ofSeconds(11));
        scheduler.hold();
        scheduler.firePeriodic();
        assertThat(scheduler.delays).hasSize(1);
        assertThat(listener.disconnects).singleElement().asString().contains("no answer to the subscription");
    }

    @Test
    void aRefusedSubscriptionKeptAliveByPingpongIsStillReplaced() {
        kis.ackReply = NoticeFixtures.MAX_OVER;
        scheduler.hold();
        start(settings());
        await().atMost(WAIT).until(() -> scheduler.delays.size() == 1);
        assertThat(listener.controls).containsExactly("OPSP0008");
        assertThat(listener.disconnects).singleElement().asString().contains("OPSP0008");
    }

    @Test
    void theAcksKeyAndIvNeverReachTheRawFrameListener() {
        startSubscribed();
        kis.last().send(fill("0000000001"));
        await().atMost(WAIT).until(() -> listener.notices.size() == 1);
        String ack = listener.raw.get(0);
        assertThat(ack).contains("OPSP0000").contains("\"key\":\"****\"").contains("\"iv\":\"****\"");
        assertThat(String.join("\n", listener.raw)).doesNotContain(KEY).doesNotContain(IV);
    }

    @Test
    void anAckWithAnEscapedKeyIsRewrittenRatherThanKept() {
        String escapedKey = KEY.substring(0, 31) + "\\u0035"; // the same 32-char key, last char JSON-escaped
        kis.ackReply = NoticeFixtures.ack(TR, HTS, escapedKey, IV);
        startSubscribed();
        assertThat(listener.raw.get(0)).doesNotContain(KEY.substring(0, 31)).doesNotContain(IV);
        kis.last().send(fill("0000000001"));
        await().atMost(WAIT).until(() -> listener.notices.size() == 1);
    }

    @Test
    void aRefusedApprovalKeyIsInvalidatedAndReplacedOnTheNextConnection() {
        kis.ackReply = NoticeFixtures.control(TR, "1", "OPSP0011", "invalid approval : NOT FOUND");
        scheduler.hold();
        start(settings());
        await().atMost(WAIT).until(() -> scheduler.delays.size() == 1);
        assertThat(invalidated).containsExactly(Secret.of("approval-key-v1-0000000000000000000"));
        assertThat(listener.controls).containsExactly("OPSP0011");
        kis.ackReply = NoticeFixtures.ack(TR, HTS, KEY, IV);
        scheduler.release();
        await().atMost(WAIT).until(() -> stream.isSubscribed());
        assertThat(kis.sessions.get(0).received.get(0)).contains("approval-key-v1-");
        assertThat(kis.sessions.get(1).received.get(0)).contains("approval-key-v2-");
        assertThat(listener.gaps).hasSize(1);
    }

    @Test
    void anUnavailableApprovalKeyIsRetriedWithBackoff() {
        AtomicInteger calls = new AtomicInteger();
        stream = NoticeStream.builder(
                        settings(),
                        () -> {
                            if (calls.incrementAndGet() <= 2) {
                                throw new IllegalStateException("token endpoint down");
                            }
                            return approvalKey();
                        },
                        refused -> {},
                        listener)
                .scheduler(scheduler)
                .clock(clock)
                .random(ReconnectPolicyTest.fixed(1.0))
                .metrics(metrics)
                .build();
        stream.start();
        await().atMost(WAIT).until(() -> stream.isSubscribed());
        assertThat(seconds(scheduler.delays)).containsExactly(1L, 2L);
        assertThat(kis.handshakes.get()).isEqualTo(1);
        assertThat(listener.disconnects).allSatisfy(r -> assertThat(r).contains("approval key unavailable"));
    }

    @Test
    void listenerExceptionsAreCountedAndTheStreamGoesOn() {
        listener = new RecordingListener() {
            private final AtomicInteger seen = new AtomicInteger();

            @Override
            public void onNotice(ExecutionNoticeEvent notice) {
                if (seen.incrementAndGet() == 1) {
                    throw new IllegalStateException("database down");
                }
                super.onNotice(notice);
            }

            @Override
            public void onRawFrame(String raw, Instant receivedAt) {
                super.onRawFrame(raw, receivedAt);
                if (raw.startsWith("0|")) {
                    throw new IllegalStateException("audit insert failed");
                }
            }
        };
        startSubscribed();
        kis.last().send(fill("0000000001"));
        kis.last().send(NoticeFixtures.plainFrame(TR, 1, NoticeFixtures.join(NoticeFixtures.fill26())));
        kis.last().send(fill("0000000002"));
        await().atMost(WAIT).until(() -> listener.notices.size() == 2);
        assertThat(listener.notices)
                .extracting(ExecutionNoticeEvent::orderNo)
                .containsExactly("0000012345", "0000000002");
        assertThat(metrics.get("listenerError.onNotice")).isEqualTo(1);
        assertThat(metrics.get("listenerError.onRawFrame")).isEqualTo(1);
        assertThat(stream.isSubscribed()).isTrue();
    }

    @Test
    void closeUnsubscribesClosesAndNeverReconnects() {
        startSubscribed();
        FakeKisWsServer.Session session = kis.last();
        stream.close();
        await().atMost(WAIT).until(() -> session.closedByClient);
        assertThat(session.received).hasSize(2);
        assertThat(session.received.get(1)).contains("\"tr_type\":\"2\"");
        assertThat(stream.isSubscribed()).isFalse();
        assertThat(scheduler.delays).isEmpty();
        assertThat(scheduler.periodic).as("liveness check cancelled").isEmpty();
        assertThat(listener.disconnects).containsExactly("closed by the client");
        stream.close(); // idempotent
        assertThat(kis.handshakes.get()).isEqualTo(1);
    }

    @Test
    void logsNeverCarrySecretsOrPersonalData() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.execctl.kis.ws");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            String hts = "hts-id-7731";
            kis.ackReply = NoticeFixtures.control(TR, "1", "OPSP0011", "invalid approval : NOT FOUND");
            scheduler.hold();
            start(NoticeStreamSettings.of(KisEnv.REAL, kis.url(), hts));
            await().atMost(WAIT).until(() -> scheduler.delays.size() == 1);
            kis.ackReply = NoticeFixtures.ack(TR, HTS, KEY, IV);
            scheduler.release();
            await().atMost(WAIT).until(() -> stream.isSubscribed());
            List<String> bad = NoticeFixtures.fill26();
            bad.set(13, "9");
            kis.last().send(NoticeFixtures.encryptedFrame(TR, 1, NoticeFixtures.join(bad)));
            kis.last().send(NoticeFixtures.plainFrame(TR, 1, NoticeFixtures.join(NoticeFixtures.fill26())));
            kis.last().send(fill("0000000001"));
            kis.last().send(NoticeFixtures.IN_USE);
            await().atMost(WAIT).until(() -> scheduler.delays.size() == 2);
            assertThat(appender.list).isNotEmpty();
            for (ILoggingEvent e : appender.list) {
                assertThat(e.getFormattedMessage())
                        .doesNotContain("approval-key-v")
                        .doesNotContain(hts)
                        .doesNotContain(KEY)
                        .doesNotContain(IV)
                        .doesNotContain(NoticeFixtures.ACCOUNT)
                        .doesNotContain("HONG");
            }
        } finally {
            logger.detachAppender(appender);
        }
    }
}
