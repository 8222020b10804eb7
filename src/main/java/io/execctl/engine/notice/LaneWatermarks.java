package io.execctl.engine.notice;

import io.execctl.engine.NoticeCoverageRecorder;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How far the pipeline's notices are durable, for {@link NoticeCoverageRecorder}: per lane, how many
 * notices were queued and how many the lane finished (committed — applied or parked — or given up).
 * A mark is the queued counts at one moment; lanes are FIFO, so once each lane finished that many,
 * every notice of the mark is done. A notice given up is counted {@link #lost} before it counts as
 * finished, so the recorder ends its span instead of claiming the notice's frame.
 */
final class LaneWatermarks implements NoticeCoverageRecorder.Durability {
    private final AtomicLongArray queued;
    private final AtomicLongArray finished;
    private final AtomicLong lost = new AtomicLong();

    LaneWatermarks(int lanes) {
        this.queued = new AtomicLongArray(lanes);
        this.finished = new AtomicLongArray(lanes);
    }

    /** A notice is about to be queued on {@code lane} (before the put, on the reader thread). */
    void queued(int lane) {
        queued.incrementAndGet(lane);
    }

    /** {@code n} notices of {@code lane} are finished: committed, or already counted {@link #givenUp}. */
    void finished(int lane, int n) {
        finished.addAndGet(lane, n);
    }

    /** {@code n} notices will never be written (call before {@link #finished} for queued ones). */
    void givenUp(int n) {
        lost.addAndGet(n);
    }

    @Override
    public Mark mark() {
        long[] at = new long[queued.length()];
        for (int i = 0; i < at.length; i++) {
            at[i] = queued.get(i);
        }
        return () -> {
            for (int i = 0; i < at.length; i++) {
                if (finished.get(i) < at[i]) {
                    return false;
                }
            }
            return true;
        };
    }

    @Override
    public long lost() {
        return lost.get();
    }
}
