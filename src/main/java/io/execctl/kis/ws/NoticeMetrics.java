package io.execctl.kis.ws;

/**
 * What the notice stream reports to monitoring. A port: the metrics package plugs Prometheus in
 * later. Labels are enums and KIS control codes only, never secrets.
 */
public interface NoticeMetrics {

    /** One frame (or record) classified. */
    void frame(FrameOutcome outcome);

    /** A control frame with this KIS message code (e.g. {@code OPSP0000}, {@code OPSP8996}). */
    void control(String msgCd);

    /** A reconnect was scheduled after a lost or failed connection. */
    void reconnectScheduled();

    /** A gap was reported to the listener (notices may have been missed). */
    void gap();

    /** A listener callback threw; the stream went on. */
    void listenerError(String callback);

    /** Reports nothing. */
    NoticeMetrics NOOP = new NoticeMetrics() {
        @Override
        public void frame(FrameOutcome outcome) {
        }

        @Override
        public void control(String msgCd) {
        }

        @Override
        public void reconnectScheduled() {
        }

        @Override
        public void gap() {
        }

        @Override
        public void listenerError(String callback) {
        }
    };
}
