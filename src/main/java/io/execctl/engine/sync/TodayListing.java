package io.execctl.engine.sync;

import io.execctl.kis.DailyOrderRow;
import io.execctl.kis.DailyOrders;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The last <em>complete</em> account-wide daily-ccld listing of today that a sync fetched, kept so
 * that {@link Reconciler} does not ask the broker again, order by order, about what that listing
 * already answers (a bootstrap runs sync-fills and then reconcile within seconds: 2,000 orders cost
 * ~200 targeted inquiries otherwise). Only a complete listing is kept — an incomplete one proves
 * nothing — and only for {@code maxAge} after it was requested: an order's row in it is the broker's
 * totals at that moment, the same proof sync-fills applies, and totals only grow.
 *
 * <p>Shared by the passes of one engine (one instance per wiring); thread-safe.
 */
public final class TodayListing {
    /** How long a listing may be reused: a bootstrap's steps, not the daemon's next minute. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(120);

    private final Duration maxAge;
    private volatile Held held;

    private record Held(LocalDate date, Instant requestedAt, Map<String, DailyOrderRow> byOdno) {}

    public TodayListing(Duration maxAge) {
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative");
        }
    }

    /** Keeps nothing: the passes built without a shared listing. */
    public static TodayListing none() {
        return new TodayListing(Duration.ZERO);
    }

    /**
     * Offers the answer of {@code range(date, date)} requested at {@code requestedAt} (before its first
     * page): kept only when complete and its rows are all readable, else the held one is dropped too.
     */
    void offer(LocalDate date, DailyOrders d, Instant requestedAt, String accountId) {
        if (maxAge.isZero()) {
            return;
        }
        if (!d.complete()) {
            held = null;
            return;
        }
        Map<String, DailyOrderRow> rows = new HashMap<>();
        for (DailyOrderRow r : d.orders().rows()) {
            try {
                if (!r.ordDt().equals(date)) {
                    continue;
                }
                rows.put(r.orderKey(accountId).odno(), r);
            } catch (IllegalArgumentException e) {
                held = null; // a listing with an unreadable row is not reused: ask per order instead
                return;
            }
        }
        held = new Held(date, requestedAt, Map.copyOf(rows));
    }

    /** Today's complete listing if one was requested within {@code maxAge} of {@code now}: rows by ODNO. */
    Optional<Map<String, DailyOrderRow>> fresh(LocalDate date, Instant now) {
        Held h = held;
        if (h == null || !h.date().equals(date) || h.requestedAt().plus(maxAge).isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(h.byOdno());
    }

    /** Forgets the held listing. */
    public void clear() {
        held = null;
    }
}
