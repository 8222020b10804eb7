package io.execctl.engine.notice;

import io.execctl.domain.OrderKey;
import io.execctl.engine.EnginePass;
import io.execctl.engine.PassReport;
import io.execctl.store.ParkedNotice;
import io.execctl.store.ParkedNoticeStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net of parking: for every order with unresolved parked notices, applies them if the
 * order's row exists now (a path that committed the row without calling {@code applyParked}), else
 * asks ownership again with the notices' sighting (a Pending verdict may have resolved; an EXTERNAL
 * order may have reached daily-ccld). The daemon runs it on a short cadence; idempotent.
 */
public final class ParkedNoticesPass implements EnginePass {
    private static final Logger log = LoggerFactory.getLogger(ParkedNoticesPass.class);

    private final ParkedNoticeStore store;
    private final ParkedNotices parked;
    private final UnknownOrders unknown;
    private final UnknownOrders.OrderExists exists;
    private final int limit;

    public ParkedNoticesPass(
            ParkedNoticeStore store,
            ParkedNotices parked,
            UnknownOrders unknown,
            UnknownOrders.OrderExists exists,
            int limit) {
        this.store = Objects.requireNonNull(store, "store");
        this.parked = Objects.requireNonNull(parked, "parked");
        this.unknown = Objects.requireNonNull(unknown, "unknown");
        this.exists = Objects.requireNonNull(exists, "exists");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.limit = limit;
    }

    @Override
    public PassReport run() {
        Map<OrderKey, ParkedNotice> firstPerOrder = new LinkedHashMap<>();
        for (ParkedNotice p : store.pending(limit)) {
            p.key().ifPresent(k -> firstPerOrder.putIfAbsent(k, p));
        }
        int applied = 0;
        int waiting = 0;
        for (Map.Entry<OrderKey, ParkedNotice> e : firstPerOrder.entrySet()) {
            OrderKey key = e.getKey();
            if (exists.exists(key)) {
                applied += parked.applyParked(key);
                continue;
            }
            Optional<NoticeCommand> c = decode(key, e.getValue());
            if (c.isPresent() && c.get().sighting().isPresent()) {
                unknown.decide(c.get().sighting().get());
                applied += parked.applyParked(key);
            }
            if (!exists.exists(key)) {
                waiting++;
            }
        }
        return new PassReport(
                "parked-notices",
                true,
                applied,
                waiting,
                "applied " + applied + " parked notice(s); " + waiting + " order(s) still unknown");
    }

    private static Optional<NoticeCommand> decode(OrderKey key, ParkedNotice p) {
        try {
            return Optional.of(ParkedPayload.decode(key, p.receipt(), p.payload()));
        } catch (IllegalArgumentException e) {
            log.warn("parked notice {} unreadable: {}", p.id(), e.getMessage());
            return Optional.empty();
        }
    }
}
