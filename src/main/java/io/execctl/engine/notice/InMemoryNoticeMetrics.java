package io.execctl.engine.notice;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link NoticeMetrics} kept in memory until the exporter publishes them. Fill latencies are kept as
 * raw samples (up to a cap, then every later one is dropped and counted) so tests and benchmarks can
 * read exact percentiles; the exporter turns them into histogram buckets.
 */
public final class InMemoryNoticeMetrics implements NoticeMetrics {
    private static final int MAX_SAMPLES = 1 << 20;

    private final Map<NoticeAction, LongAdder> notices = new EnumMap<>(NoticeAction.class);
    private final Map<String, LongAdder> unusable = new ConcurrentHashMap<>();
    private final LongAdder otherAccount = new LongAdder();
    private final LongAdder parked = new LongAdder();
    private final LongAdder unparked = new LongAdder();
    private final LongAdder decodeErrors = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder batchedNotices = new LongAdder();
    private final LongAdder held = new LongAdder();
    private final LongAdder droppedSamples = new LongAdder();
    private final Object sampleLock = new Object();
    private long[] samples = new long[1024];
    private int sampleCount;
    /** Per stage: [count, samples...]. */
    private final Map<String, long[]> stages = new HashMap<>();

    public InMemoryNoticeMetrics() {
        for (NoticeAction a : NoticeAction.values()) {
            notices.put(a, new LongAdder());
        }
    }

    @Override
    public void fillCommitted(long nanos) {
        synchronized (sampleLock) {
            if (sampleCount == MAX_SAMPLES) {
                droppedSamples.increment();
                return;
            }
            if (sampleCount == samples.length) {
                samples = Arrays.copyOf(samples, samples.length * 2);
            }
            samples[sampleCount++] = nanos;
        }
    }

    @Override
    public void notice(NoticeAction action) {
        notices.get(action).increment();
    }

    @Override
    public void otherAccount() {
        otherAccount.increment();
    }

    @Override
    public void unusable(String reason) {
        unusable.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    @Override
    public void parked() {
        parked.increment();
    }

    @Override
    public void unparked(int count) {
        unparked.add(count);
    }

    @Override
    public void decodeError() {
        decodeErrors.increment();
    }

    @Override
    public void batch(int noticeCount, int orders) {
        batches.increment();
        batchedNotices.add(noticeCount);
    }

    @Override
    public void held() {
        held.increment();
    }

    /** Fill notices held as suspected duplicates. */
    public long heldCount() {
        return held.sum();
    }

    public long notices(NoticeAction action) {
        return notices.get(action).sum();
    }

    public long unusableCount(String reason) {
        LongAdder a = unusable.get(reason);
        return a == null ? 0 : a.sum();
    }

    public long otherAccountCount() {
        return otherAccount.sum();
    }

    public long parkedCount() {
        return parked.sum();
    }

    public long unparkedCount() {
        return unparked.sum();
    }

    public long decodeErrors() {
        return decodeErrors.sum();
    }

    public long batches() {
        return batches.sum();
    }

    public long batchedNotices() {
        return batchedNotices.sum();
    }

    /** Number of fill latency samples kept. */
    public int fillSamples() {
        synchronized (sampleLock) {
            return sampleCount;
        }
    }

    /** The {@code q}-quantile (0..1) of the kept fill latencies in nanoseconds (nearest rank); 0 if none. */
    public long fillQuantileNanos(double q) {
        long[] copy;
        synchronized (sampleLock) {
            copy = Arrays.copyOf(samples, sampleCount);
        }
        if (copy.length == 0) {
            return 0;
        }
        Arrays.sort(copy);
        int rank = (int) Math.ceil(q * copy.length);
        return copy[Math.min(copy.length - 1, Math.max(0, rank - 1))];
    }

    @Override
    public void stage(String stage, long nanos) {
        synchronized (sampleLock) {
            long[] s = stages.computeIfAbsent(stage, k -> new long[1]);
            int n = (int) s[0];
            if (n + 1 == MAX_SAMPLES) {
                return;
            }
            if (n + 1 == s.length) {
                s = Arrays.copyOf(s, s.length * 2);
                stages.put(stage, s);
            }
            s[n + 1] = nanos;
            s[0] = n + 1;
        }
    }

    /** The {@code q}-quantile of a stage's kept samples in nanoseconds (nearest rank); 0 if none. */
    public long stageQuantileNanos(String stage, double q) {
        long[] copy;
        synchronized (sampleLock) {
            long[] s = stages.get(stage);
            copy = s == null ? new long[0] : Arrays.copyOfRange(s, 1, 1 + (int) s[0]);
        }
        if (copy.length == 0) {
            return 0;
        }
        Arrays.sort(copy);
        int rank = (int) Math.ceil(q * copy.length);
        return copy[Math.min(copy.length - 1, Math.max(0, rank - 1))];
    }

    /** Forgets the kept fill latencies and stage times (a benchmark's warm-up). */
    public void resetFillSamples() {
        synchronized (sampleLock) {
            sampleCount = 0;
            stages.clear();
        }
    }
}
