package io.execctl.engine.notice;

import io.execctl.engine.NoticeCoverageRecorder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A mark is durable only once every lane finished what was queued on it when the mark was taken. */
class LaneWatermarksTest {
    @Test
    void aMarkWaitsForEveryLaneAndIgnoresLaterNotices() {
        LaneWatermarks w = new LaneWatermarks(2);
        w.queued(0);
        w.queued(1);
        NoticeCoverageRecorder.Durability.Mark m = w.mark();
        w.queued(0); // after the mark
        assertThat(m.durable()).isFalse();
        w.finished(0, 1);
        assertThat(m.durable()).as("lane 1 is still writing").isFalse();
        w.finished(1, 1);
        assertThat(m.durable()).isTrue();
        assertThat(w.mark().durable()).as("the later notice of lane 0").isFalse();
    }

    @Test
    void aNoticeGivenUpIsCountedLostBeforeItFinishes() {
        LaneWatermarks w = new LaneWatermarks(1);
        w.queued(0);
        NoticeCoverageRecorder.Durability.Mark m = w.mark();
        w.givenUp(1);
        w.finished(0, 1);
        assertThat(m.durable()).isTrue();
        assertThat(w.lost()).isEqualTo(1);
    }
}
