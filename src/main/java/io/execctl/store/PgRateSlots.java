package io.execctl.store;

import io.execctl.kis.port.RateSlots;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The shared send-slot cursor in {@code trade.kis_rate_budget}: one row per environment and app-key
 * fingerprint, taken with a single {@code UPDATE … RETURNING} on the server's
 * {@code clock_timestamp()}, so every process on every host spaces its requests against the same
 * cursor and the same clock. The row lock is held for that one statement only (autocommit).
 *
 * <p>A dedicated connection is kept open (a slot is taken before every KIS request, and opening a
 * connection costs more than the statement) and replaced after a failure; calls are serialised.
 * It is never the caller's connection: a slot taken must not be rolled back with, or wait for, the
 * engine's transaction.
 */
public final class PgRateSlots implements RateSlots, AutoCloseable {
    /** The cursor as it stands, or now when it is in the past or stale. */
    private static final String FREE = "CASE WHEN k.next_slot > c.t + :stale * interval '1 microsecond' THEN c.t"
            + " ELSE greatest(k.next_slot, c.t) END";

    private static final String TAKE = "UPDATE trade.kis_rate_budget k"
            + " SET next_slot = (" + FREE + ") + :interval * interval '1 microsecond', updated_ts = c.t"
            + " FROM (SELECT clock_timestamp() AS t) c"
            + " WHERE k.env = :env AND k.app_key_fp = :fp"
            + "   AND (" + FREE + ") <= c.t + :ahead * interval '1 microsecond'"
            + " RETURNING k.next_slot - :interval * interval '1 microsecond' AS slot, c.t AS t";

    private static final String PEEK = "SELECT " + FREE + " AS slot, c.t AS t"
            + " FROM trade.kis_rate_budget k, (SELECT clock_timestamp() AS t) c"
            + " WHERE k.env = :env AND k.app_key_fp = :fp";

    private static final String CREATE = "INSERT INTO trade.kis_rate_budget (env, app_key_fp, next_slot)"
            + " VALUES (:env, :fp, to_timestamp(0)) ON CONFLICT (env, app_key_fp) DO NOTHING";

    /** Update attempts per call when the cursor keeps moving between the statements (contention). */
    private static final int MAX_ATTEMPTS = 5;

    private final Jdbi jdbi;
    private Handle handle; // guarded by this

    public PgRateSlots(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public synchronized Grant take(
            String env, String appKeyFingerprint, long intervalMicros, long maxAheadMicros, long staleAfterMicros) {
        RateSlots.check(env, appKeyFingerprint, intervalMicros, maxAheadMicros);
        try {
            Handle h = handle();
            Grant refused = null;
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                Optional<Grant> taken = h.createQuery(TAKE)
                        .bind("env", env)
                        .bind("fp", appKeyFingerprint)
                        .bind("interval", intervalMicros)
                        .bind("ahead", maxAheadMicros)
                        .bind("stale", staleAfterMicros)
                        .map((rs, ctx) -> grant(
                                true,
                                rs.getObject("slot", OffsetDateTime.class),
                                rs.getObject("t", OffsetDateTime.class)))
                        .findOne();
                if (taken.isPresent()) {
                    return taken.get();
                }
                Optional<Grant> peek = h.createQuery(PEEK)
                        .bind("env", env)
                        .bind("fp", appKeyFingerprint)
                        .bind("stale", staleAfterMicros)
                        .map((rs, ctx) -> grant(
                                false,
                                rs.getObject("slot", OffsetDateTime.class),
                                rs.getObject("t", OffsetDateTime.class)))
                        .findOne();
                if (peek.isEmpty()) {
                    h.createUpdate(CREATE)
                            .bind("env", env)
                            .bind("fp", appKeyFingerprint)
                            .execute();
                    continue; // the first grant of this key (or another process just created the row)
                }
                refused = peek.get();
                if (refused.waitMicros() > maxAheadMicros) {
                    return refused;
                }
                // the cursor moved (or time passed) between the two statements: ask again
            }
            if (refused == null) {
                throw new IllegalStateException("rate-budget row could not be created");
            }
            return refused;
        } catch (RuntimeException e) {
            closeHandle(); // the next call starts on a fresh connection
            throw e;
        }
    }

    private static Grant grant(boolean granted, OffsetDateTime slot, OffsetDateTime now) {
        long n = micros(now);
        return new Grant(granted, Math.max(n, micros(slot)), n);
    }

    private Handle handle() {
        if (handle == null) {
            handle = jdbi.open();
        }
        return handle;
    }

    private void closeHandle() {
        if (handle != null) {
            try {
                handle.close();
            } catch (RuntimeException ignored) {
                // a broken connection may fail to close; it is dropped either way
            }
            handle = null;
        }
    }

    private static long micros(OffsetDateTime t) {
        return Math.addExact(Math.multiplyExact(t.toEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    @Override
    public synchronized void close() {
        closeHandle();
    }
}
