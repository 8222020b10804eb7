package io.execctl.engine.sync;

import io.execctl.kis.DailyOrderQuery;
import io.execctl.kis.DailyOrderRow;
import io.execctl.kis.DailyOrders;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last <em>complete</em> account-wide daily-ccld listing of today that a sync fetched, kept so
 * that the passes after it do not ask the broker again about what that listing already answers:
 * {@link Reconciler} (order by order: a bootstrap runs the syncs and then reconcile within seconds,
 * and 2,000 orders cost ~200 targeted inquiries otherwise) within {@code maxAge}, and the next sync
 * ({@code sync-unfilled} → {@code sync-fills} in a bootstrap: 20 of its 45 pages) within
 * {@link #SYNC_REUSE_AGE}. Only a complete listing is kept — an incomplete one proves nothing.
 *
 * <p>Why a listing requested before a pass's writes is still evidence for that pass: an order's row
 * in it is the broker's cumulative totals at {@code requestedAt}, and totals only grow — the fill
 * model merges them with what is stored (the larger proof wins, a deficit waits out the lag window
 * from its own first sighting), so an order that moved on after the request (a notice, an earlier
 * step's write) is never moved back. Its completeness proves absence only for orders placed before
 * {@code requestedAt}: an order absent from it is never resolved by it (the syncs leave it for their
 * next pass, the reconcile asks a targeted inquiry), and the watermark a reusing sync records is the
 * listing's request time, not the pass's start.
 *
 * <p>Shared by the passes of one engine (one instance per wiring); thread-safe.
 */
public final class TodayListing {
    /** How long the reconcile may reuse a listing: a bootstrap's steps, not the daemon's next minute. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(120);

    /**
     * How long another <em>sync</em> may take the listing instead of fetching its own: about one
     * fills cadence (3–5 s) plus a pass, so a reused listing is no older than the one the pass's own
     * schedule would have given it (the daemon's syncs keep their freshness; a bootstrap's fills step,
     * seconds after sync-unfilled fetched the same listing, costs no pages).
     */
    public static final Duration SYNC_REUSE_AGE = Duration.ofSeconds(10);

    private final Duration maxAge;
    private volatile Held held;

    /**
     * A kept listing: the whole answer, today's rows by ODNO, when it was requested, the pass that
     * fetched it and the passes that took it since.
     */
    record Held(
            LocalDate date,
            Instant requestedAt,
            DailyOrders listing,
            Map<String, DailyOrderRow> byOdno,
            String fetchedBy,
            Set<String> takenBy) {}

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
        offer(date, d, requestedAt, accountId, "");
    }

    /** {@link #offer(LocalDate, DailyOrders, Instant, String)} by the sync pass {@code pass}. */
    void offer(LocalDate date, DailyOrders d, Instant requestedAt, String accountId, String pass) {
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
        held = new Held(date, requestedAt, d, Map.copyOf(rows), pass, ConcurrentHashMap.newKeySet());
    }

    /** Today's complete listing if one was requested within {@code maxAge} of {@code now}: rows by ODNO. */
    Optional<Map<String, DailyOrderRow>> fresh(LocalDate date, Instant now) {
        return within(date, now, maxAge).map(Held::byOdno);
    }

    /**
     * Today's complete listing for the sync pass {@code pass}: one that <em>another</em> pass fetched
     * within {@link #SYNC_REUSE_AGE} (and {@code maxAge}) of {@code now} and that {@code pass} has not
     * taken before, else empty — the pass fetches its own. Taken at most once per pass and never the
     * pass's own fetch, so a daemon loop never stretches its cadence on one listing.
     */
    Optional<Held> forSync(LocalDate date, Instant now, String pass) {
        Optional<Held> h = within(date, now, maxAge.compareTo(SYNC_REUSE_AGE) < 0 ? maxAge : SYNC_REUSE_AGE);
        if (h.isEmpty()
                || h.get().fetchedBy().equals(pass)
                || !h.get().takenBy().add(pass)) {
            return Optional.empty();
        }
        return h;
    }

    /** What a sync reads: the listing, when it was requested, and whether another pass fetched it. */
    record Answer(DailyOrders listing, Instant requestedAt, boolean reused) {}

    /**
     * Today's complete listing for {@code pass}: another pass's ({@link #forSync}), or a new fetch
     * (offered for the passes after it).
     */
    Answer today(SyncParts parts, LocalDate date, String pass) {
        Instant now = parts.clock().instant();
        Optional<Held> h = forSync(date, now, pass);
        if (h.isPresent()) {
            return new Answer(h.get().listing(), h.get().requestedAt(), true);
        }
        DailyOrders d = parts.inquiries().dailyOrders(DailyOrderQuery.range(date, date));
        offer(date, d, now, parts.accountId(), pass);
        return new Answer(d, now, false);
    }

    private Optional<Held> within(LocalDate date, Instant now, Duration age) {
        Held h = held;
        if (h == null
                || age.isZero()
                || !h.date().equals(date)
                || h.requestedAt().plus(age).isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(h);
    }

    /** Forgets the held listing. */
    public void clear() {
        held = null;
    }
}
