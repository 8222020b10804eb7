package io.execctl.kis.ws;

import io.execctl.domain.Secret;
import java.time.Duration;
import java.time.Instant;
import okhttp3.WebSocket;

/**
 * What a connection and its frame handler ask of the {@link NoticeStream} that owns them: the
 * connection state lives in one place, under one lock, however many classes read frames.
 */
interface StreamHooks {

    /** Whether {@code c} is still the stream's live connection (stale callbacks are ignored). */
    boolean isCurrent(NoticeConnection c);

    /** {@code c}'s WebSocket is open: report it and send the subscription. */
    void opened(NoticeConnection c, WebSocket ws);

    /** {@code c} is lost; reconnect after {@code override}, or the normal backoff when null. */
    void lost(NoticeConnection c, String reason, Duration override);

    /** {@code c}'s subscription was acknowledged; returns since when notices may be missing, or null. */
    Instant subscribed(NoticeConnection c, Instant now);

    /** The backoff after one more consecutive {@code OPSP8996}. */
    Duration nextInUseDelay();

    /** Drops the refused approval key from the cache so the next attempt gets a fresh one. */
    void invalidateApprovalKey(Secret key);
}
