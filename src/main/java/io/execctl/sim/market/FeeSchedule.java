package io.execctl.sim.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Commission (both sides) and sell-side transaction tax, each rounded down to a whole won per
 * execution as a broker books them.
 */
public record FeeSchedule(BigDecimal commissionRate, BigDecimal sellTaxRate) {
    /** 0.015% commission, 0.18% sell tax (demo defaults). */
    public static final FeeSchedule DEFAULT = new FeeSchedule(new BigDecimal("0.00015"), new BigDecimal("0.0018"));

    public FeeSchedule {
        Objects.requireNonNull(commissionRate, "commissionRate");
        Objects.requireNonNull(sellTaxRate, "sellTaxRate");
        if (commissionRate.signum() < 0 || commissionRate.compareTo(new BigDecimal("0.1")) > 0) {
            throw new IllegalArgumentException(
                    "commission rate must be within 0..0.1, was " + commissionRate.toPlainString());
        }
        if (sellTaxRate.signum() < 0 || sellTaxRate.compareTo(new BigDecimal("0.1")) > 0) {
            throw new IllegalArgumentException(
                    "sell tax rate must be within 0..0.1, was " + sellTaxRate.toPlainString());
        }
    }

    /** floor(amount × commission rate). */
    public long commission(long amount) {
        return floor(amount, commissionRate);
    }

    /** floor(amount × sell tax rate). */
    public long sellTax(long amount) {
        return floor(amount, sellTaxRate);
    }

    private static long floor(long amount, BigDecimal rate) {
        return BigDecimal.valueOf(amount)
                .multiply(rate)
                .setScale(0, RoundingMode.FLOOR)
                .longValueExact();
    }
}
