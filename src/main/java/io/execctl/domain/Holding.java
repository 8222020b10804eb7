package io.execctl.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A line of the broker's balance ({@code trade.holdings}): what KIS says the account holds. Amounts
 * are normalised (scale-free equality), so a line read back from the database equals the one written.
 */
public record Holding(
        String accountId,
        String symbol,
        long qty,
        BigDecimal avgPrice,
        BigDecimal currentPrice,
        BigDecimal pnl,
        Double pnlPct,
        Instant updatedTs) {

    public Holding {
        Checks.notBlank(accountId, "accountId");
        Checks.notBlank(symbol, "symbol");
        Checks.nonNegative(qty, "qty");
        Checks.notNull(avgPrice, "avgPrice");
        Checks.nonNegative(avgPrice, "avgPrice");
        Checks.notNull(updatedTs, "updatedTs");
        avgPrice = Checks.normalized(avgPrice);
        currentPrice = Checks.normalized(currentPrice);
        pnl = Checks.normalized(pnl);
    }
}
