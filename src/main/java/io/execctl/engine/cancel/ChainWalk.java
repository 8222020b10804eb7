package io.execctl.engine.cancel;

import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.Side;
import io.execctl.kis.DailyOrderQuery;
import io.execctl.kis.DailyOrderRow;
import io.execctl.kis.KisClient;
import io.execctl.kis.OpenOrder;
import io.execctl.store.OrderChains;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Follows an order's modify chain to its live {@code ODNO}: a modify (ours or an operator's in HTS)
 * gives the rest of the order a new ODNO whose {@code orgn_odno} names the one it changes, so a
 * cancel must go to the chain's open member, not to the original. Shared by the kill switch and the
 * partial cancel, so both read the chain the same way.
 */
final class ChainWalk {
    private final KisClient kis;
    private final Jdbi jdbi;

    ChainWalk(KisClient kis, Jdbi jdbi) {
        this.kis = Objects.requireNonNull(kis, "kis");
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /**
     * Which order each of today's orders of the symbol and side changes (daily-ccld's
     * {@code orgn_odno} and our chain rows of {@code order}), so an open modify of a modify (whose
     * middle link is no longer open) still leads back to {@code order}.
     */
    Map<String, String> edges(OrderKey order, String symbol, Side side, LocalDate today) {
        Map<String, String> parentOf = new HashMap<>();
        for (DailyOrderRow r : kis.dailyOrders(DailyOrderQuery.narrow(today, symbol, side))
                .orders()
                .rows()) {
            String orig = origin(r.orgnOdno());
            if (orig != null) {
                parentOf.put(OrderKey.normalizeOdno(r.odno()), orig);
            }
        }
        for (Order o : OrderChains.of(jdbi).members(order)) {
            if (o.origOrderNo() != null) {
                parentOf.putIfAbsent(o.key().odno(), OrderKey.normalizeOdno(o.origOrderNo()));
            }
        }
        return parentOf;
    }

    /** Walks {@code odno}'s chain upwards to the first of {@code targets}, or null. */
    static String firstTarget(String odno, Map<String, String> parentOf, Set<String> targets) {
        String at = odno;
        for (int depth = 0; at != null && depth < 64; depth++) {
            if (targets.contains(at)) {
                return at;
            }
            at = parentOf.get(at);
        }
        return null;
    }

    /** The normalized ODNO an {@code orgn_odno} names, or null for a new order (blank or zeros). */
    static String origin(String orgnOdno) {
        return orgnOdno == null || orgnOdno.isBlank() || orgnOdno.matches("0+")
                ? null
                : OrderKey.normalizeOdno(orgnOdno);
    }

    /** The open rows (something cancellable) of {@code root}'s chain, the root itself included. */
    static List<OpenOrder> liveMembers(String root, List<OpenOrder> open, Map<String, String> parentOf) {
        Map<String, String> edges = new HashMap<>(parentOf);
        for (OpenOrder r : open) {
            String orig = origin(r.orgnOdno());
            if (orig != null) {
                edges.putIfAbsent(OrderKey.normalizeOdno(r.odno()), orig);
            }
        }
        return open.stream()
                .filter(r -> r.psblQty() > 0)
                .filter(r -> firstTarget(OrderKey.normalizeOdno(r.odno()), edges, Set.of(root)) != null)
                .toList();
    }
}
