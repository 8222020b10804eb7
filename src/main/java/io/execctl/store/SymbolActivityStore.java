package io.execctl.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Which symbols of an account had order, fill or position activity recently: the holdings check's
 * "fills in flight" test. Read only; it reads {@code trade.orders} ({@code updated_ts}: a status,
 * quantity or fill change), {@code trade.fills} ({@code ts} and {@code created_ts}: executed or
 * recorded) and {@code trade.positions} ({@code updated_ts}: the strategy has just moved its
 * position, e.g. after a fill).
 */
public final class SymbolActivityStore {
    private final Handles handles;

    private SymbolActivityStore(Handles handles) {
        this.handles = handles;
    }

    public static SymbolActivityStore of(Jdbi jdbi) {
        return new SymbolActivityStore(Handles.of(jdbi));
    }

    public static SymbolActivityStore on(Handle handle) {
        return new SymbolActivityStore(Handles.of(handle));
    }

    /** Symbols of {@code accountId} with any activity at or after {@code since}. */
    public Set<String> activeSince(String accountId, Instant since) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(since, "since");
        return handles.with(h -> new TreeSet<>(h.createQuery("""
                        SELECT o.symbol FROM trade.orders o
                         WHERE o.account_id = :acc AND o.updated_ts >= :since
                        UNION
                        SELECT o.symbol FROM trade.fills f JOIN trade.orders o ON o.order_id = f.order_id
                         WHERE o.account_id = :acc AND (f.created_ts >= :since OR f.ts >= :since)
                        UNION
                        SELECT p.symbol FROM trade.positions p
                         WHERE p.account_id = :acc AND p.updated_ts >= :since
                        """)
                .bind("acc", accountId)
                .bind("since", since)
                .mapTo(String.class)
                .list()));
    }
}
