package io.execctl.store;

import io.execctl.domain.CoveredSpan;
import io.execctl.domain.KisEnv;
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

/** Notice-stream coverage as recorded in PostgreSQL, read back by another process's pool. */
class NoticeCoverageStoreTest {
    private static TestDatabase db;
    private static Jdbi jdbi;
    private static Jdbi otherProcess;

    private MutableClock clock;
    private NoticeCoverageStore holder;
    private NoticeCoverageStore reader;
    private String stream;

    @BeforeAll
    static void setUp() {
        db = Samples.migratedDatabase();
        jdbi = Samples.jdbi(db);
        otherProcess = Samples.jdbi(db);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @BeforeEach
    void fresh() {
        clock = new MutableClock(Samples.T0);
        holder = NoticeCoverageStore.of(jdbi, DbClock.of(clock));
        reader = NoticeCoverageStore.of(otherProcess, DbClock.of(clock));
        stream = NoticeCoverageStore.streamKey(KisEnv.PAPER, "hts-" + System.nanoTime());
    }

    private static Instant t(long s) {
        return Samples.T0.plusSeconds(s);
    }

    private void frames(long span, int n) {
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofSeconds(10));
            assertThat(holder.frame(span)).isTrue();
        }
    }

    @Test
    void aReconnectLeavesAGapInTheMiddleFromTheLastFrameToTheNewSubscription() {
        long first = holder.open(stream, Incarnation.start());
        frames(first, 3); // PINGPONGs at +10, +20, +30
        clock.advance(Duration.ofSeconds(25)); // silence: the connection died after +30
        assertThat(holder.close(first, "read timeout")).isTrue();
        clock.advance(Duration.ofSeconds(5));
        long second = holder.open(stream, Incarnation.start()); // +60
        frames(second, 2); // +70, +80

        assertThat(reader.covered(stream, t(5), t(30))).isTrue();
        assertThat(reader.covered(stream, t(60), t(80))).isTrue();
        assertThat(reader.covered(stream, t(5), t(80))).isFalse();
        assertThat(reader.gaps(stream, t(5), t(80))).containsExactly(new CoveredSpan(t(30), t(60)));
        assertThat(reader.covered(stream, t(60), t(81)))
                .as("after the last frame")
                .isFalse();
        assertThat(holder.frame(first)).as("a closed span does not grow").isFalse();
    }

    @Test
    void aDeadProcessesCoverageEndsAtItsLastFrame() {
        long span = holder.open(stream, Incarnation.start());
        frames(span, 2);
        clock.advance(Duration.ofMinutes(5)); // the process died without closing
        assertThat(reader.covered(stream, t(0), t(20))).isTrue();
        assertThat(reader.gaps(stream, t(0), t(300))).containsExactly(new CoveredSpan(t(20), t(300)));
    }

    @Test
    void aQueuedFrameCountsAtItsReceiptNeverLaterAndNeverMovesTheEndBack() {
        long span = holder.open(stream, Incarnation.start());
        clock.advance(Duration.ofSeconds(10));
        assertThat(holder.frame(span, Duration.ofSeconds(4))).isTrue();
        assertThat(reader.covered(stream, t(0), t(6))).isTrue();
        assertThat(reader.covered(stream, t(0), t(7))).isFalse();
        assertThat(holder.frame(span, Duration.ofSeconds(9))).isTrue();
        assertThat(reader.covered(stream, t(0), t(6))).as("end not moved back").isTrue();
    }

    @Test
    void streamsAreKeptApartAndTheKeyHidesTheHtsId() {
        String a = NoticeCoverageStore.streamKey(KisEnv.REAL, "myhtsid");
        assertThat(a).startsWith("real:").doesNotContain("myhtsid");
        assertThat(NoticeCoverageStore.streamKey(KisEnv.PAPER, "myhtsid")).isNotEqualTo(a);
        assertThat(NoticeCoverageStore.streamKey(KisEnv.REAL, "myhtsid")).isEqualTo(a);
        long span = holder.open(stream, Incarnation.start());
        frames(span, 1);
        assertThat(reader.covered(a, t(0), t(10))).isFalse();
    }

    @Test
    void theDatabaseClockIsTheDefault() {
        NoticeCoverageStore onDb = NoticeCoverageStore.of(jdbi);
        Instant before = SubmissionStore.of(jdbi).now();
        long span = onDb.open(stream, Incarnation.start());
        assertThat(onDb.frame(span)).isTrue();
        Instant after = SubmissionStore.of(jdbi).now();
        assertThat(NoticeCoverageStore.of(otherProcess)
                        .coverage(stream, before, after)
                        .spans())
                .singleElement()
                .satisfies(s -> assertThat(s.from()).isBetween(before, after));
    }
}
