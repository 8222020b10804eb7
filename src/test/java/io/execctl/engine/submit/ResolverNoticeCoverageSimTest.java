package io.execctl.engine.submit;

import io.execctl.domain.AbsenceRules;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Side;
import io.execctl.engine.LoggingAlerter;
import io.execctl.engine.NoticeCoverageRecorder;
import io.execctl.engine.ownership.ParkedNoticeReplay;
import io.execctl.engine.ownership.PgOrderOwnership;
import io.execctl.kis.ws.ExecutionNoticeEvent;
import io.execctl.kis.ws.NoticeListener;
import io.execctl.store.Incarnation;
import io.execctl.store.NoticeCoverageStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The resolver leans on recorded notice coverage (issue 13): a complete span from the first send to
 * the first inquiry proves absence at once (basis {@code NOTICE_STREAM}); a WebSocket gap inside it
 * does not, and the second inquiry one lag window later must corroborate ({@code SECOND_INQUIRY}).
 * The stream is the recorder driven on one thread as the WebSocket reader drives it, PINGPONG-like
 * frames every 20 ms, with an asynchronous delegate's durability (everything written).
 */
class ResolverNoticeCoverageSimTest {
    static final Duration LAG = Duration.ofMillis(400);

    @TempDir
    Path dir;

    SubmitFixture f;
    ScheduledExecutorService reader;
    NoticeCoverageRecorder recorder;
    String streamKey;
    ScheduledFuture<?> frames;

    @BeforeEach
    void setUp() {
        f = new SubmitFixture(dir);
        reader = Executors.newSingleThreadScheduledExecutor();
        streamKey = NoticeCoverageStore.streamKey(KisEnv.REAL, "cov" + System.nanoTime());
        NoticeListener pipeline = new NoticeListener() {
            @Override
            public void onNotice(ExecutionNoticeEvent notice) {}
        };
        recorder = new NoticeCoverageRecorder(
                pipeline,
                NoticeCoverageStore.of(f.jdbi),
                streamKey,
                Incarnation.start(),
                Clock.systemUTC(),
                NoticeCoverageRecorder.Durability.SYNCHRONOUS);
    }

    @AfterEach
    void tearDown() {
        reader.shutdownNow();
        f.close();
    }

    private void onReader(Runnable r) throws Exception {
        reader.submit(r).get(5, TimeUnit.SECONDS);
    }

    private void subscribe() throws Exception {
        onReader(() -> {
            recorder.onConnected();
            recorder.onRawFrame("{\"ack\":1}", Instant.now());
            recorder.onControl("OPSP0000", "SUBSCRIBE SUCCESS");
        });
        frames = reader.scheduleAtFixedRate(
                () -> recorder.onRawFrame("{\"pingpong\":1}", Instant.now()), 20, 20, TimeUnit.MILLISECONDS);
    }

    private void disconnect() throws Exception {
        frames.cancel(false);
        onReader(() -> recorder.onDisconnected("EOF"));
    }

    private final AtomicReference<Optional<Duration>> secondLook = new AtomicReference<>();

    private UnknownResolver resolver(Submitter sends) {
        return new UnknownResolver(
                f.jdbi,
                OrderInquiry.of(f.client),
                new PgOrderOwnership(
                        f.jdbi, Clock.systemUTC(), Duration.ofDays(1), new LoggingAlerter(), ParkedNoticeReplay.NONE),
                sends,
                new AbsenceRules(LAG, KisEnv.REAL),
                SubmitFixture.ACCOUNT,
                streamKey,
                Clock.systemUTC(),
                new LoggingAlerter());
    }

    private Submitter submitter(OrderPort port) {
        return new Submitter(
                f.jdbi,
                port,
                SubmitFixture.ACCOUNT,
                Incarnation.start(),
                UnknownResolverSimTest.POLICY,
                Clock.systemUTC(),
                f.alerts);
    }

    /** Sends intent {@code qty} into a lost answer (nothing reached the broker); resolves until resent. */
    private String resolveLostSend(long qty, Runnable beforeResolving) {
        AtomicInteger calls = new AtomicInteger();
        UUID id = f.intent(null, "005930", "ENTRY", qty, "MKT", null);
        assertThat(submitter(UnknownResolverSimTest.lostBeforeSending(calls)).runPass(10, false))
                .singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(SubmitOutcome.UNKNOWN));
        beforeResolving.run();
        UnknownResolver resolver = resolver(submitter(f.client::placeCashOrder));
        AtomicReference<String> reason = new AtomicReference<>();
        secondLook.set(null);
        List<String> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    for (SubmitResult r : resolver.resolveAll()) {
                        seen.add(r.reason());
                        if (r.reason() != null && r.reason().contains("NO_CORROBORATION")) {
                            // the daemon's loop comes back when the pair is possible, not a cadence later
                            secondLook.compareAndSet(null, resolver.untilSecondLook());
                        }
                        if (r.reason() != null && r.reason().startsWith("resent once")) {
                            reason.set(r.reason());
                        }
                    }
                    return f.intentStatus(id).equals("SUBMITTED");
                });
        assertThat(f.brokerOrders(Side.BUY, qty))
                .as("exactly one order after the resend")
                .hasSize(1);
        assertThat(reason.get()).as("resolver lines: %s", seen).isNotNull();
        return reason.get();
    }

    @Test
    void aCompleteSpanFromTheSendToTheInquiryProvesAbsence() throws Exception {
        subscribe();
        String reason = resolveLostSend(3, () -> {});
        assertThat(reason).contains("(NOTICE_STREAM)");
    }

    @Test
    void aWebSocketGapAfterTheSendBreaksTheSpanAndTheSecondInquiryDecides() throws Exception {
        subscribe();
        String reason = resolveLostSend(5, () -> {
            try {
                disconnect(); // the socket drops after the send: notices of the send may be lost
                subscribe();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(reason).contains("(SECOND_INQUIRY)");
        assertThat(secondLook.get())
                .as("a first look waiting for its pair names when the pair is due")
                .hasValueSatisfying(d -> assertThat(d).isPositive().isLessThanOrEqualTo(LAG));
    }
}
