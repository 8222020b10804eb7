package io.execctl.engine.notice;

import io.execctl.domain.OrderKey;
import io.execctl.engine.ownership.BrokerOrderSighting;
import io.execctl.engine.ownership.OrderOwnership;
import io.execctl.engine.ownership.OwnershipVerdict;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an order a notice named and nobody knew, after its notice was parked: ask
 * {@link OrderOwnership} (the one decision point: adopt / link / pending / EXTERNAL) with the
 * notice's sighting. Adopted or linked: the row exists now, so the parked notices are applied.
 * Pending: they stay parked until the submission resolves (its path calls
 * {@link ParkedNotices#applyParked}) or a later {@link #decide} asks again. External: ownership recorded it;
 * if the row is still missing (the notice did not show enough), the order is looked up over REST and
 * that fuller sighting is passed to ownership, then the parked notices are applied.
 *
 * <p>Runs on its own thread: ownership and the REST lookup may take long and must not hold a lane.
 * One decision per order at a time.
 */
public final class UnknownOrders implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UnknownOrders.class);

    private final OrderOwnership ownership;
    private final ExternalOrderLookup lookup;
    private final ParkedNotices parked;
    private final OrderExists exists;
    private final ExecutorService executor;
    private final Set<OrderKey> inFlight = ConcurrentHashMap.newKeySet();

    /** Whether the order's row exists (a read, no lock). */
    @FunctionalInterface
    public interface OrderExists {
        boolean exists(OrderKey key);
    }

    public UnknownOrders(
            OrderOwnership ownership, ExternalOrderLookup lookup, ParkedNotices parked, OrderExists exists) {
        this.ownership = Objects.requireNonNull(ownership, "ownership");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.parked = Objects.requireNonNull(parked, "parked");
        this.exists = Objects.requireNonNull(exists, "exists");
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "notice-unknown-orders");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues a decision about the order {@code sighting} shows (its notice is parked already). */
    public void sighted(BrokerOrderSighting sighting) {
        Objects.requireNonNull(sighting, "sighting");
        if (!inFlight.add(sighting.key())) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    decide(sighting);
                } catch (RuntimeException e) {
                    log.error("ownership decision for {} failed; notices stay parked", sighting.key(), e);
                } finally {
                    inFlight.remove(sighting.key());
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(sighting.key());
            log.warn("ownership decision for {} not queued (closing); notices stay parked", sighting.key());
        }
    }

    /**
     * Decides now, on the calling thread (also what a periodic retry of pending orders calls).
     *
     * @return the verdict
     */
    public OwnershipVerdict decide(BrokerOrderSighting sighting) {
        OwnershipVerdict v = ownership.decide(sighting);
        OrderKey key = sighting.key();
        if (v instanceof OwnershipVerdict.Pending p) {
            log.info("notice for {} stays parked: {}", key, p.why());
            return v;
        }
        if (v instanceof OwnershipVerdict.External && !exists.exists(key)) {
            Optional<BrokerOrderSighting> rest = lookup.find(key);
            if (rest.isPresent()) {
                ownership.decide(rest.get());
            } else {
                log.info("external order {} not in daily-ccld yet; notices stay parked", key);
            }
        }
        parked.applyParked(key); // adopted, linked or external: the row exists now (or nothing happens)
        return v;
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
