package io.execctl.engine;

import io.execctl.domain.CoveredSpan;
import io.execctl.domain.KisEnv;
import io.execctl.kis.ws.ExecutionNoticeEvent;
import io.execctl.kis.ws.NoticeListener;
import io.execctl.store.Db;
import io.execctl.store.DbClock;
import io.execctl.store.Incarnation;
import io.execctl.store.Migrations;
import io.execctl.store.NoticeCoverageStore;
import io.execctl.testing.MutableClock;
import io.execctl.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stream's callbacks become coverage rows only for frames that were fully handled. */
class NoticeCoverageRecorderTest {
    private static final Instant T0 = Instant.parse("2026-01-13T00:30:00Z");
    private static TestDatabase db;
    private static Jdbi jdbi;

    private MutableClock clock;
    private NoticeCoverageStore store;
    private String stream;
    private boolean failNotices;
    private NoticeCoverageRecorder recorder;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        Migrations.migrate(db.dataSource(), true);
        jdbi = Db.create(db.dataSource());
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @BeforeEach
    void fresh() {
        clock = new MutableClock(T0);
        store = NoticeCoverageStore.of(jdbi, DbClock.of(clock));
        stream = NoticeCoverageStore.streamKey(KisEnv.PAPER, "hts-" + System.nanoTime());
        NoticeListener engine = new NoticeListener() {
            @Override
            public void onNotice(ExecutionNoticeEvent notice) {
                if (failNotices) {
                    throw new IllegalStateException("database down");
                }
            }
        };
        recorder = new NoticeCoverageRecorder(engine, store, stream, Incarnation.start(), clock);
    }

    private static Instant t(long s) {
        return T0.plusSeconds(s);
    }

    /** A frame received at the current instant and handled at once. */
    private void frame() {
        recorder.onRawFrame("{}", clock.instant());
    }

    private void subscribe() {
        recorder.onConnected();
        frame(); // the ack's raw frame
        recorder.onControl("OPSP0000", "SUBSCRIBE SUCCESS");
    }

    private void tick(long seconds) {
        clock.advance(Duration.ofSeconds(seconds));
    }

    @Test
    void coverageRunsFromTheAckToTheLastHandledFrameAndAReconnectLeavesAGap() {
        tick(1);
        subscribe(); // +1
        tick(10);
        frame(); // +11 PINGPONG
        tick(10);
        frame(); // +21
        assertThat(store.covered(stream, t(1), t(11))).isTrue();
        assertThat(store.covered(stream, t(1), t(21)))
                .as("the last frame counts once handled")
                .isFalse();
        tick(15);
        recorder.onDisconnected("read timeout"); // +36: frame +21 is handled now
        assertThat(store.covered(stream, t(1), t(21))).isTrue();
        tick(4);
        subscribe(); // +40
        tick(10);
        frame(); // +50
        tick(10);
        frame(); // +60
        assertThat(store.gaps(stream, t(1), t(50))).containsExactly(new CoveredSpan(t(21), t(40)));
    }

    @Test
    void framesBeforeTheSubscriptionAckCoverNothing() {
        recorder.onConnected();
        frame();
        tick(10);
        frame();
        tick(10);
        frame();
        assertThat(store.coverage(stream, t(0), t(30)).spans()).isEmpty();
    }

    @Test
    void anUnreadableFrameOrAnUnhandledNoticeEndsTheSpan() {
        subscribe(); // +0
        tick(10);
        frame(); // +10
        tick(10);
        frame(); // +20: a notice that cannot be decrypted
        recorder.onCorrupt("enc", "no key");
        tick(10);
        frame(); // +30: a new span opens here
        tick(10);
        frame(); // +40
        assertThat(store.gaps(stream, t(0), t(30))).containsExactly(new CoveredSpan(t(10), t(30)));

        tick(10);
        frame(); // +50, its notice cannot be stored
        failNotices = true;
        assertThatThrownBy(() -> recorder.onNotice(null)).isInstanceOf(IllegalStateException.class);
        failNotices = false;
        tick(10);
        frame(); // +60 opens a new span
        tick(10);
        frame(); // +70
        assertThat(store.gaps(stream, t(30), t(60))).containsExactly(new CoveredSpan(t(40), t(60)));
    }

    /** An asynchronous delegate (the notice pipeline): notices are written some time after their frame. */
    private static final class Queue implements NoticeCoverageRecorder.Durability {
        long queued;
        long written;
        long lost;

        @Override
        public Mark mark() {
            long at = queued;
            return () -> written >= at;
        }

        @Override
        public long lost() {
            return lost;
        }
    }

    private NoticeCoverageRecorder async(Queue q) {
        NoticeListener pipeline = new NoticeListener() {
            @Override
            public void onNotice(ExecutionNoticeEvent notice) {
                q.queued++; // queued, not written
            }
        };
        return new NoticeCoverageRecorder(pipeline, store, stream, Incarnation.start(), clock, q);
    }

    @Test
    void withTheAsyncPipelineAFrameCountsOnlyOnceItsNoticesAreWritten() {
        Queue q = new Queue();
        recorder = async(q);
        subscribe(); // +0
        tick(10);
        frame(); // +10, one notice queued
        recorder.onNotice(null);
        tick(10);
        frame(); // +20: frame +10 returned, but its notice is still queued
        assertThat(store.covered(stream, t(0), t(10)))
                .as("a queued notice is not handled yet")
                .isFalse();
        q.written = 1; // the lane committed it
        tick(10);
        frame(); // +30
        assertThat(store.covered(stream, t(0), t(20))).isTrue();
        assertThat(store.covered(stream, t(0), t(30))).isFalse();
    }

    @Test
    void aNoticeThePipelineGaveUpOnBreaksTheSpan() {
        Queue q = new Queue();
        recorder = async(q);
        subscribe(); // +0
        tick(10);
        frame(); // +10
        tick(10);
        frame(); // +20, its notice will be lost
        recorder.onNotice(null);
        tick(10);
        q.lost = 1; // the lane's batch failed: counted lost, then finished
        q.written = 1;
        frame(); // +30: the loss ends the span at +10; a new span opens here
        tick(10);
        frame(); // +40
        tick(10);
        frame(); // +50
        assertThat(store.gaps(stream, t(0), t(40))).containsExactly(new CoveredSpan(t(10), t(30)));
    }

    @Test
    void aWebSocketGapBreaksTheSpanSoAbsenceNeedsTheSecondInquiry() {
        Queue q = new Queue();
        recorder = async(q);
        subscribe(); // +0
        tick(10);
        frame(); // +10
        tick(10);
        recorder.onDisconnected("EOF"); // +20
        tick(5);
        subscribe(); // +25
        tick(10);
        frame(); // +35
        tick(10);
        frame(); // +45
        // what UnknownEvidence hands to AbsenceRules: one complete span proves [0, 10]; [0, 35] has a gap
        assertThat(store.coverage(stream, t(1), t(10)).covers(t(1), t(10))).isTrue();
        assertThat(store.coverage(stream, t(1), t(35)).gaps(t(1), t(35)))
                .containsExactly(new CoveredSpan(t(10), t(25)));
    }
}
