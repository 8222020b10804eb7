package io.execctl.sim.market;

import io.execctl.sim.ws.ExecutionNotice;

/**
 * Builds the H0STCNI0/H0STCNI9 records KIS sends for an account (REFERENCE.md §9.3): acceptance
 * notices ({@code CNTG_YN=1}) for orders, modifies and cancels, and one execution notice
 * ({@code CNTG_YN=2}) per execution. Numbers go on the wire zero-padded to 10 digits.
 */
final class NoticeFactory {
    private final String htsId;
    private final String accountDigits;
    private final String accountName;

    NoticeFactory(MarketConfig config) {
        this.htsId = config.htsId();
        this.accountDigits = config.account().replace("-", "");
        this.accountName = config.accountName();
    }

    /**
     * The acceptance of a new order (ACPT_YN 1, quantity and price of the order), a modify (RCTF_CLS 1,
     * ACPT_YN 2, the moved quantity at the new price) or a cancel (RCTF_CLS 2, ACPT_YN 2, the cancelled
     * quantity, price 0).
     */
    ExecutionNotice accepted(SimOrder o, String time) {
        String rctf =
                switch (o.rvseCnclDvsn) {
                    case "01" -> "1";
                    case "02" -> "2";
                    default -> "0";
                };
        String acpt = o.rvseCnclDvsn.isEmpty() ? "1" : "2";
        return build(o, rctf, pad(o.qty), pad(o.price), time, "1", acpt);
    }

    /** One execution of {@code qty} at {@code price}. */
    ExecutionNotice execution(SimOrder o, long qty, long price, String time) {
        return build(o, "0", pad(qty), pad(price), time, "2", "2");
    }

    /** The exchange cancelled the unexecuted rest of an IOC/FOK order (ACPT_YN 3). */
    ExecutionNotice immediateCancel(SimOrder o, long qty, String time) {
        return build(o, "0", pad(qty), pad(0), time, "1", "3");
    }

    /** The exchange refused {@code qty} of an accepted order (RFUS_YN 1). */
    ExecutionNotice refused(SimOrder o, long qty, String time) {
        return build(o, "0", pad(qty), pad(o.price), time, "1", "1", "1");
    }

    private ExecutionNotice build(
            SimOrder o, String rctf, String qty, String unitPrice, String time, String cntgYn, String acptYn) {
        return build(o, rctf, qty, unitPrice, time, cntgYn, acptYn, "0");
    }

    private ExecutionNotice build(
            SimOrder o,
            String rctf,
            String qty,
            String unitPrice,
            String time,
            String cntgYn,
            String acptYn,
            String rfusYn) {
        return new ExecutionNotice(
                htsId,
                accountDigits,
                o.odno,
                o.origOdno,
                o.side.kisCode(),
                rctf,
                o.ordDvsn,
                "0",
                o.symbol.code(),
                qty,
                unitPrice,
                time,
                rfusYn,
                cntgYn,
                acptYn,
                o.noticeBranch,
                pad(o.qty),
                accountName,
                "",
                "1",
                "Y",
                "",
                "10",
                "",
                o.symbol.name(),
                pad(o.price));
    }

    static String pad(long n) {
        return OdnoSequence.format(n);
    }
}
