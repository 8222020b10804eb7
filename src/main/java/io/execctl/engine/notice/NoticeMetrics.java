package io.execctl.engine.notice;

/**
 * What the notice path counts, named after {@code docs/prometheus/metrics.txt} where a name exists;
 * the lead bridges it to Prometheus. Never a secret in a label. Implementations are thread-safe and
 * cheap (called on the hot path).
 */
public interface NoticeMetrics {

    /**
     * A WS fill's transaction committed, {@code nanos} after its frame was received
     * ({@code execution_fill_processing_duration_seconds{source="ws"}}, histogram-shaped).
     */
    void fillCommitted(long nanos);

    /** A routed notice of our account, by {@link NoticeAction#label()} ({@code execution_notices_total{kind}}). */
    void notice(NoticeAction action);

    /** A notice of another account under the same HTS id, recorded (audit) and ignored. */
    void otherAccount();

    /** A notice that could not be routed or applied: {@code no_original}, {@code apply_failed}, {@code bad_payload}. */
    void unusable(String reason);

    /** A notice parked because its order is not known ({@code execution_parked_notices} moves up). */
    void parked();

    /** Parked notices applied once their order appeared ({@code execution_parked_notices} moves down). */
    void unparked(int count);

    /** A frame or record that could not be decoded (kept raw in the audit). */
    void decodeError();

    /** One transaction committed {@code notices} notices of {@code orders} orders. */
    void batch(int notices, int orders);

    /**
     * Time a notice spent in one stage of the fast path ({@link NoticePipeline#STAGE_DECODE},
     * {@link NoticePipeline#STAGE_QUEUE}, {@link NoticePipeline#STAGE_WRITE}): where a slow commit's
     * time went. Ignored unless an implementation keeps it (benchmarks).
     */
    default void stage(String stage, long nanos) {}

    /**
     * A fill notice held as a suspected duplicate (it would have taken its order past its quantity;
     * {@code execution_fill_notices_held_total}), counted once its transaction committed.
     */
    default void held() {}

    /** Counts nothing (tests that do not look, tools). */
    NoticeMetrics NONE = new NoticeMetrics() {
        @Override
        public void fillCommitted(long nanos) {}

        @Override
        public void notice(NoticeAction action) {}

        @Override
        public void otherAccount() {}

        @Override
        public void unusable(String reason) {}

        @Override
        public void parked() {}

        @Override
        public void unparked(int count) {}

        @Override
        public void decodeError() {}

        @Override
        public void batch(int notices, int orders) {}
    };
}
