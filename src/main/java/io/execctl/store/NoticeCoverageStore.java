package io.execctl.store;

import io.execctl.domain.CoveredSpan;
import io.execctl.domain.KisEnv;
import io.execctl.domain.NoticeCoverage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code trade.notice_coverage}: when the execution-notice stream was receiving, so that any
 * process — not only the one holding the WebSocket — can ask whether {@code [t1, t2]} was covered
 * before it leans on "no notice arrived" as evidence. The holder of the connection calls
 * {@link #open} when the subscription is confirmed, {@link #frame} for every frame received
 * (PINGPONG included) and {@link #close} when the connection ends. Times are on the
 * {@link DbClock} (the database's by default), like the journal's deadlines they are compared with.
 *
 * <p>A frame's time is the time of the write minus how long the frame waited in the process before
 * it, so a queued write never claims coverage for time after the frame; a write's own latency to
 * the database (a round trip) is the remaining overstatement, far below the history lag the
 * evidence rule adds.
 */
public final class NoticeCoverageStore {
    private final Handles handles;
    private final DbClock clock;

    private NoticeCoverageStore(Handles handles, DbClock clock) {
        this.handles = handles;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** On the database's clock. */
    public static NoticeCoverageStore of(Jdbi jdbi) {
        return of(jdbi, DbClock.database());
    }

    public static NoticeCoverageStore of(Jdbi jdbi, DbClock clock) {
        return new NoticeCoverageStore(Handles.of(jdbi), clock);
    }

    public static NoticeCoverageStore on(Handle handle, DbClock clock) {
        return new NoticeCoverageStore(Handles.of(handle), clock);
    }

    /**
     * The stream key of an HTS id in an environment: a one-way hash, because the HTS id is a
     * secret of the configuration and must not be stored.
     */
    public static String streamKey(KisEnv env, String htsId) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(htsId, "htsId");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("execctl-notice-stream:" + htsId).getBytes(StandardCharsets.UTF_8));
            return env.key() + ":" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /** A subscription was confirmed: a new span, covered from now. @return the span's id */
    public long open(String streamKey, Incarnation owner) {
        Objects.requireNonNull(streamKey, "streamKey");
        Objects.requireNonNull(owner, "owner");
        return handles.with(h -> h.createQuery(SubmissionStore.sql("""
                INSERT INTO trade.notice_coverage (stream_key, owner, connected_ts, last_frame_ts)
                SELECT :key, :owner, t.now, t.now FROM t RETURNING id"""))
                .bind("key", streamKey)
                .bind("owner", owner.id())
                .bindByType("now", clock.bindValue(), Instant.class)
                .mapTo(Long.class)
                .one());
    }

    /** A frame arrived just now on the span's connection. */
    public boolean frame(long spanId) {
        return frame(spanId, Duration.ZERO);
    }

    /**
     * A frame arrived {@code waited} before this call (it was queued): the span now reaches the
     * frame's receipt. Ignored once the span is closed; never moves the span's end backwards.
     *
     * @return false if the span is closed or unknown
     */
    public boolean frame(long spanId, Duration waited) {
        if (waited.isNegative()) {
            throw new IllegalArgumentException("waited must be >= 0, was " + waited);
        }
        return handles.with(h -> h.createUpdate(SubmissionStore.sql("""
                        UPDATE trade.notice_coverage c
                           SET last_frame_ts = GREATEST(c.last_frame_ts,
                                                        t.now - CAST(:waitedUs AS bigint) * interval '1 microsecond')
                          FROM t
                         WHERE c.id = :id AND c.closed_ts IS NULL"""))
                        .bind("id", spanId)
                        .bind("waitedUs", waited.toNanos() / 1000)
                        .bindByType("now", clock.bindValue(), Instant.class)
                        .execute())
                == 1;
    }

    /** The connection ended (or was given up): the span is final; coverage ends at its last frame. */
    public boolean close(long spanId, String reason) {
        Objects.requireNonNull(reason, "reason");
        return handles.with(h -> h.createUpdate(SubmissionStore.sql("""
                        UPDATE trade.notice_coverage c SET closed_ts = GREATEST(t.now, c.last_frame_ts),
                               close_reason = :reason
                          FROM t WHERE c.id = :id AND c.closed_ts IS NULL"""))
                        .bind("id", spanId)
                        .bind("reason", reason)
                        .bindByType("now", clock.bindValue(), Instant.class)
                        .execute())
                == 1;
    }

    /** The spans of {@code streamKey} that touch {@code [from, to]}, open or closed, of any process. */
    public NoticeCoverage coverage(String streamKey, Instant from, Instant to) {
        List<CoveredSpan> spans = handles.with(h -> h.createQuery("""
                        SELECT connected_ts, last_frame_ts FROM trade.notice_coverage
                         WHERE stream_key = :key AND connected_ts <= :to AND last_frame_ts >= :from
                         ORDER BY connected_ts, id""")
                .bind("key", Objects.requireNonNull(streamKey, "streamKey"))
                .bind("from", Objects.requireNonNull(from, "from"))
                .bind("to", Objects.requireNonNull(to, "to"))
                .map((rs, ctx) -> new CoveredSpan(Db.instant(rs, "connected_ts"), Db.instant(rs, "last_frame_ts")))
                .list());
        return new NoticeCoverage(spans);
    }

    /** The uncovered parts of {@code [from, to]} (empty: fully covered). */
    public List<CoveredSpan> gaps(String streamKey, Instant from, Instant to) {
        return coverage(streamKey, from, to).gaps(from, to);
    }

    /** Was every instant of {@code [from, to]} covered by some connection's span? */
    public boolean covered(String streamKey, Instant from, Instant to) {
        return gaps(streamKey, from, to).isEmpty();
    }
}
