package io.execctl.kis.ws;

import io.execctl.domain.KoreaTime;
import io.execctl.kis.KisMetrics;
import java.time.Clock;
import java.time.Instant;
import okhttp3.WebSocket;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the frames of a connection: hands each one (with an ack's key/iv redacted) to the listener
 * first, then delivers notices, keeps unusable frames for the audit, and carries out the
 * {@link ControlPolicy} for control frames. Runs on the connection's reader thread.
 */
final class NoticeFrames {
    private static final Logger log = LoggerFactory.getLogger(NoticeStream.class);

    private final SafeListener safe;
    private final NoticeListener listener;
    private final KisMetrics metrics;
    private final Clock clock;
    private final StreamHooks hooks;

    NoticeFrames(SafeListener safe, KisMetrics metrics, Clock clock, StreamHooks hooks) {
        this.safe = safe;
        this.listener = safe.listener();
        this.metrics = metrics;
        this.clock = clock;
        this.hooks = hooks;
    }

    void onText(NoticeConnection c, WebSocket ws, String raw) {
        Instant now = clock.instant();
        c.lastFrameAt = now;
        DecodedFrame frame = c.decoder.decode(raw, now, KoreaTime.tradingDate(now));
        String audited = frame instanceof DecodedFrame.Control control ? redacted(raw, control.message()) : raw;
        safe.run("onRawFrame", () -> listener.onRawFrame(audited, now));
        if (frame instanceof DecodedFrame.Control control) {
            onControl(c, ws, raw, audited, control.message(), now);
        } else if (frame instanceof DecodedFrame.Notices notices) {
            if (!notices.encrypted()) {
                log.warn("notice stream: plain (unencrypted) notice frame — KIS encrypts notices; contract anomaly");
            }
            for (ExecutionNoticeEvent e : notices.events()) {
                metrics.wsFrame((notices.encrypted() ? FrameOutcome.NOTICE : FrameOutcome.PLAIN_NOTICE).label());
                safe.run("onNotice", () -> listener.onNotice(e));
            }
            for (DecodedFrame.BadRecord bad : notices.badRecords()) {
                metrics.wsFrame(FrameOutcome.BAD_RECORD.label());
                String reason = "record " + bad.index() + ": " + bad.reason();
                log.warn("notice stream: unreadable notice record ({}); raw frame kept", reason);
                safe.run("onCorrupt", () -> listener.onCorrupt(raw, reason));
            }
        } else if (frame instanceof DecodedFrame.Unusable unusable) {
            metrics.wsFrame(unusable.outcome().label());
            log.warn("notice stream: unusable frame, {} ({}); raw frame kept", unusable.outcome(), unusable.reason());
            safe.run("onCorrupt", () -> listener.onCorrupt(raw, unusable.reason()));
        }
    }

    void onBinary(NoticeConnection c, ByteString bytes) {
        Instant now = clock.instant();
        c.lastFrameAt = now;
        String raw = bytes.base64();
        safe.run("onRawFrame", () -> listener.onRawFrame(raw, now));
        metrics.wsFrame(FrameOutcome.BINARY.label());
        safe.run(
                "onCorrupt",
                () -> listener.onCorrupt(raw, "binary frame of " + bytes.size() + " bytes (raw is base64)"));
    }

    private static String redacted(String raw, ControlMessage m) {
        try {
            return RawFrameRedactor.redact(raw, m);
        } catch (RuntimeException e) {
            return "{\"redacted\":\"control frame with key/iv\"}";
        }
    }

    /**
     * Carries out the policy row of a control frame. {@code raw} is only ever echoed (PINGPONG);
     * what reaches the listener is {@code audited}.
     */
    private void onControl(
            NoticeConnection c, WebSocket ws, String raw, String audited, ControlMessage m, Instant now) {
        ControlAction action = ControlPolicy.actionFor(m);
        if (action == ControlAction.ECHO) {
            metrics.wsFrame(FrameOutcome.PINGPONG.label());
            ws.send(raw); // KIS expects the same text back; that is what keeps the session
            return;
        }
        c.answered = true;
        String code = m.msgCd().isEmpty() ? m.trId() : m.msgCd();
        metrics.wsFrame(ControlPolicy.outcomeFor(m).label());
        metrics.wsControl(m.msgCd().isEmpty() ? "(none)" : m.msgCd());
        if (m.isSuccess() && m.key().isPresent() && m.iv().isPresent()) {
            try {
                c.decoder.setKey(m.key().get(), m.iv().get());
            } catch (IllegalArgumentException e) {
                metrics.wsFrame(FrameOutcome.CORRUPT.label());
                safe.run("onCorrupt", () -> listener.onCorrupt(audited, "subscription ack: " + e.getMessage()));
            }
        }
        safe.run("onControl", () -> listener.onControl(code, m.msg1()));
        switch (action) {
            case SUBSCRIBED -> subscribed(c, m, now);
            case INFORM -> {
                if (ControlPolicy.isKnown(m.msgCd())) {
                    log.info("notice stream: control {} {}", code, m.msg1());
                } else {
                    log.warn("notice stream: unknown control frame {} {} (rt_cd {})", code, m.msg1(), m.rtCd());
                }
            }
            case REFUSED -> {
                log.warn(
                        "notice stream: subscription refused or failed ({} {}, rt_cd {}); reconnecting with backoff",
                        code,
                        m.msg1(),
                        m.rtCd());
                hooks.lost(c, "subscription refused: " + code + " " + m.msg1(), null);
                ws.close(1000, "subscription refused");
            }
            case APPROVAL_REFUSED -> {
                log.warn("notice stream: approval key refused ({} {}); dropping the cached key", m.msgCd(), m.msg1());
                safe.run("invalidateApprovalKey", () -> hooks.invalidateApprovalKey(c.key));
                hooks.lost(c, "approval key refused: " + code + " " + m.msg1(), null);
                ws.close(1000, "approval key refused");
            }
            case IN_USE -> {
                var delay = hooks.nextInUseDelay();
                log.warn(
                        "notice stream: OPSP8996 ALREADY IN USE appkey — another session holds this app key; "
                                + "backing off {} s",
                        delay.toSeconds());
                hooks.lost(c, "OPSP8996 ALREADY IN USE appkey (another session holds the app key)", delay);
                ws.close(1000, "app key in use elsewhere");
            }
            case ECHO -> throw new IllegalStateException("handled above");
        }
    }

    private void subscribed(NoticeConnection c, ControlMessage m, Instant now) {
        if (!c.decoder.hasKey()) {
            log.warn("notice stream: subscription ack without a usable key/iv; encrypted notices cannot be read");
        }
        Instant gapFrom = hooks.subscribed(c, now);
        log.info("notice stream subscribed ({} {})", m.trId(), m.msg1());
        if (gapFrom != null) {
            metrics.wsGap();
            log.warn(
                    "notice stream: notices since {} may be missing (re-subscribed at {}); gap reported", gapFrom, now);
            safe.run("onGap", () -> listener.onGap(gapFrom, now));
        }
    }
}
