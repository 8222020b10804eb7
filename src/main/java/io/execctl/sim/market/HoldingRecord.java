package io.execctl.sim.market;

import java.math.BigDecimal;

/**
 * One line of inquire-balance {@code output1}.
 *
 * @param avgPrice purchase average price (pchs_avg_pric), exact
 * @param ordPsblQty quantity that can be sold now (held minus open sell orders)
 */
public record HoldingRecord(
        String symbol,
        String symbolName,
        long qty,
        long ordPsblQty,
        BigDecimal avgPrice,
        long purchaseAmount,
        long currentPrice,
        long todayBuyQty,
        long todaySellQty,
        long prevDayBuyQty,
        long prevDaySellQty) {}
