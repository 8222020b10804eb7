package io.execctl.engine.ownership;

import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.engine.Alert;
import io.execctl.engine.Alerter;
import io.execctl.store.OrderStore;
import io.execctl.store.OwnershipStore;
import io.execctl.store.UnresolvedSubmission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@link OrderOwnership} over PostgreSQL: one transaction per decision, holding the decision
 * lock of the order's account, date, symbol and side, the order's own lock, and row locks on the
 * candidate submissions ({@link OwnershipStore}).
 *
 * <p>In order:
 * <ol>
 *   <li>A row exists: the verdict it already has (adopted, linked or external) — a second decision
 *       about the same order writes nothing; an EXTERNAL row is re-attributed only by an adoption
 *       with a complete inquiry (below).</li>
 *   <li>It names an original we hold: its own row, linked → {@code Linked}.</li>
 *   <li>A journal row names its key (the owner recorded the broker's answer, but the order row was
 *       not written): adopted into that intent.</li>
 *   <li>The SENT/UNKNOWN submissions of its shape ({@link SightingMatch#fitsShape}; the order time
 *       is not trusted for this, so a wrong clock can never make our order EXTERNAL): none → recorded
 *       EXTERNAL; two or more → {@code Pending} and the alert {@code AMBIGUOUS_ORDER_MATCH}; one →
 *       adopted <em>only</em> by {@link #decideWithInquiry}, when the order time is in that
 *       submission's send window and the complete inquiry shows no other order in it of its shape;
 *       else {@code Pending} (with the alert when the inquiry was complete).</li>
 * </ol>
 *
 * <p>Why a single notice never adopts: a notice shows one order, and an HTS order of the same shape
 * placed in the same window would look exactly like ours; only a complete daily-ccld taken after the
 * send deadline and the history lag shows every order that could be the submission's. Until then the
 * notice is parked, and replayed in the adoption's transaction.
 */
public final class PgOrderOwnership implements OrderOwnership {
    /** How far the broker's order time may lie outside the send window (ORD_TMD has whole seconds). */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(2);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration skew;
    private final Alerter alerter;
    private final OwnershipWrites writes;

    /**
     * @param clockSkew widening of the send window an order time must fall in
     * @param replay    applies parked notices of an order in the transaction that wrote its row
     */
    public PgOrderOwnership(Jdbi jdbi, Clock clock, Duration clockSkew, Alerter alerter, ParkedNoticeReplay replay) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.skew = Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew must be >= 0");
        }
        this.alerter = Objects.requireNonNull(alerter, "alerter");
        this.writes = new OwnershipWrites(Objects.requireNonNull(replay, "replay"));
    }

    /** System clock, {@link #DEFAULT_CLOCK_SKEW}, no notice replay. */
    public static PgOrderOwnership create(Jdbi jdbi, Alerter alerter) {
        return new PgOrderOwnership(jdbi, Clock.systemUTC(), DEFAULT_CLOCK_SKEW, alerter, ParkedNoticeReplay.NONE);
    }

    @Override
    public OwnershipVerdict decide(BrokerOrderSighting sighting) {
        return decide(sighting, null);
    }

    /**
     * The decision with the complete inquiry that showed the order: {@code inquiry} holds every order
     * of the sighting's date, symbol and side that execctl could not account for (the resolver's
     * {@code Found} candidates, from a complete daily-ccld past the history lag). The one submission
     * that could be this order adopts it only if no other of them could be that submission's.
     */
    public OwnershipVerdict decideWithInquiry(BrokerOrderSighting sighting, List<BrokerOrderSighting> inquiry) {
        return decide(sighting, List.copyOf(Objects.requireNonNull(inquiry, "inquiry")));
    }

    private OwnershipVerdict decide(BrokerOrderSighting s, List<BrokerOrderSighting> inquiry) {
        Objects.requireNonNull(s, "sighting");
        return jdbi.inTransaction(h -> {
            OwnershipStore store = OwnershipStore.on(h);
            store.lock(s.key(), s.symbol(), s.side());
            Instant now = clock.instant();
            Optional<Order> row = OrderStore.on(h).findForUpdate(s.key());
            if (row.isPresent() && row.get().intentId() != null) {
                return new OwnershipVerdict.Adopted(s.key(), row.get().intentId());
            }
            if (row.isPresent()
                    && row.get().origOrderNo() != null
                    && OrderStore.on(h).findByKey(originalKey(row.get())).isPresent()) {
                return new OwnershipVerdict.Linked(s.key(), originalKey(row.get()));
            }
            if (row.isEmpty() && s.origOrderNo() != null) {
                Optional<Order> original = OrderStore.on(h).findByKey(originalKey(s));
                if (original.isPresent()) {
                    writes.link(h, s, original.get(), now);
                    return new OwnershipVerdict.Linked(s.key(), original.get().key());
                }
            }
            // The candidates are row-locked BEFORE the journal is asked who holds this ODNO: a submitter
            // recording its answer (SENT -> ACCEPTED with the ODNO) between the two reads would otherwise
            // be in neither — no longer SENT for the first, not yet ACCEPTED for the second — and its
            // own order would be written EXTERNAL, without its intent (the chaos day's intent left
            // SUBMITTED behind a FILLED order). Locked first, the row is either still SENT (the answer
            // waits for this decision: Pending) or already ACCEPTED and named below.
            List<UnresolvedSubmission> could = store.unresolved(s.key().orderDate(), s.symbol(), s.side()).stream()
                    .filter(u -> SightingMatch.fitsShape(u, s))
                    .toList();
            Optional<UUID> named = store.journalOwner(s.key().orderId());
            if (named.isPresent()) {
                Optional<UnresolvedSubmission> shape = store.shapeOf(named.get());
                if (shape.isPresent() && writes.adopt(h, s, shape.get(), row, now)) {
                    return new OwnershipVerdict.Adopted(s.key(), named.get());
                }
            }
            if (could.isEmpty()) {
                if (row.isEmpty()) {
                    writes.external(h, s, now);
                }
                return new OwnershipVerdict.External(s.key());
            }
            if (could.size() > 1) {
                return ambiguous(
                        s,
                        could.size() + " unresolved submissions could be order "
                                + s.key().orderId());
            }
            UnresolvedSubmission u = could.get(0);
            if (inquiry == null) {
                return row.isPresent()
                        ? new OwnershipVerdict.External(s.key())
                        : new OwnershipVerdict.Pending(
                                s.key(),
                                "submission " + u.intentId()
                                        + " could be this order; it is adopted only with a complete"
                                        + " inquiry shows no other order of its shape");
            }
            if (!SightingMatch.inWindow(u, s, skew)) {
                return ambiguous(
                        s,
                        "order " + s.key().orderId() + " has the shape of submission " + u.intentId()
                                + " but its order time " + s.orderedAt() + " is outside the send window");
            }
            long shapeMates = inquiry.stream()
                    .filter(m -> !m.key().equals(s.key()))
                    .filter(m -> SightingMatch.fits(u, m, skew))
                    .count();
            if (shapeMates > 0) {
                return ambiguous(
                        s,
                        (shapeMates + 1) + " broker orders could be submission " + u.intentId()
                                + " (an order of the same shape placed elsewhere?)");
            }
            if (!writes.adopt(h, s, u, row, now)) { // nothing written: the journal refused first
                return new OwnershipVerdict.Pending(s.key(), "the journal of " + u.intentId() + " moved on");
            }
            return new OwnershipVerdict.Adopted(s.key(), u.intentId());
        });
    }

    private OwnershipVerdict ambiguous(BrokerOrderSighting s, String why) {
        alerter.raise(new Alert(Alert.Severity.CRITICAL, "AMBIGUOUS_ORDER_MATCH", why + "; left for an operator"));
        return new OwnershipVerdict.Pending(s.key(), why);
    }

    private static OrderKey originalKey(Order linked) {
        return OrderKey.of(linked.accountId(), linked.key().orderDate(), linked.origOrderNo());
    }

    private static OrderKey originalKey(BrokerOrderSighting s) {
        return OrderKey.of(s.key().accountId(), s.key().orderDate(), s.origOrderNo());
    }
}
