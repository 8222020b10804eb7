package io.execctl.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A strategy position ({@code trade.positions}), owned by the strategy side. execctl only reads it,
 * to report holdings-vs-positions mismatches; it never writes it (SSOT rules).
 */
public record Position(
        UUID positionId,
        String accountId,
        String symbol,
        String side,
        long qty,
        BigDecimal avgPrice,
        Instant entryTs,
        String status,
        String strategyId,
        int version,
        Instant updatedTs) {

    public Position {
        Checks.notNull(positionId, "positionId");
        Checks.notNull(accountId, "accountId");
        Checks.notNull(symbol, "symbol");
        Checks.notNull(status, "status");
        avgPrice = Checks.normalized(avgPrice);
    }

    public boolean isOpen() {
        return "OPEN".equals(status) || "CLOSING".equals(status);
    }
}
