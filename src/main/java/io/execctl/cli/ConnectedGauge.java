package io.execctl.cli;

import io.execctl.kis.ws.ExecutionNoticeEvent;
import io.execctl.kis.ws.NoticeListener;
import io.execctl.metrics.KisPrometheusMetrics;
import java.time.Instant;
import java.util.Objects;

/**
 * The notice handler as the daemon installs it: everything goes to the notice pipeline, and the
 * connection's ups and downs set {@code kis_ws_connected} (the client's metrics port has frames and
 * reconnects, not the connection state).
 */
final class ConnectedGauge implements NoticeListener {
    private final NoticeListener delegate;
    private final KisPrometheusMetrics metrics;

    ConnectedGauge(NoticeListener delegate, KisPrometheusMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void onRawFrame(String raw, Instant receivedAt) {
        delegate.onRawFrame(raw, receivedAt);
    }

    @Override
    public void onNotice(ExecutionNoticeEvent notice) {
        delegate.onNotice(notice);
    }

    @Override
    public void onCorrupt(String raw, String reason) {
        delegate.onCorrupt(raw, reason);
    }

    @Override
    public void onControl(String code, String message) {
        delegate.onControl(code, message);
    }

    @Override
    public void onConnected() {
        metrics.wsConnected(true);
        delegate.onConnected();
    }

    @Override
    public void onGap(Instant disconnectedAt, Instant reconnectedAt) {
        delegate.onGap(disconnectedAt, reconnectedAt);
    }

    @Override
    public void onDisconnected(String reason) {
        metrics.wsConnected(false);
        delegate.onDisconnected(reason);
    }
}
