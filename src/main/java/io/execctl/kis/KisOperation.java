package io.execctl.kis;

import java.util.Set;

/**
 * The KIS endpoints the client calls. {@link #label()} is the metric/log label; {@link #isOrder()}
 * marks the POSTs that may change the account, which are never resent once they may have reached KIS.
 */
public enum KisOperation {
    TOKEN("token", "POST", "/oauth2/tokenP", false, true, Set.of()),
    APPROVAL("approval", "POST", "/oauth2/Approval", false, true, Set.of()),
    ORDER_CASH("order_cash", "POST", "/uapi/domestic-stock/v1/trading/order-cash", true, false, Set.of()),
    ORDER_RVSECNCL("order_rvsecncl", "POST", "/uapi/domestic-stock/v1/trading/order-rvsecncl", true, false, Set.of()),
    INQUIRE_PSBL_RVSECNCL(
            "inquire_psbl_rvsecncl",
            "GET",
            "/uapi/domestic-stock/v1/trading/inquire-psbl-rvsecncl",
            false,
            false,
            Set.of("output")),
    INQUIRE_DAILY_CCLD(
            "inquire_daily_ccld",
            "GET",
            "/uapi/domestic-stock/v1/trading/inquire-daily-ccld",
            false,
            false,
            Set.of("output1")),
    INQUIRE_BALANCE(
            "inquire_balance",
            "GET",
            "/uapi/domestic-stock/v1/trading/inquire-balance",
            false,
            false,
            Set.of("output1"));

    private final String label;
    private final String method;
    private final String path;
    private final boolean order;
    private final boolean oauth;
    private final Set<String> rowArrays;

    KisOperation(String label, String method, String path, boolean order, boolean oauth, Set<String> rowArrays) {
        this.label = label;
        this.method = method;
        this.path = path;
        this.order = order;
        this.oauth = oauth;
        this.rowArrays = rowArrays;
    }

    public String label() {
        return label;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** True for order-cash and order-rvsecncl: an unknown outcome, never an automatic resend. */
    public boolean isOrder() {
        return order;
    }

    /** True for the OAuth endpoints, which answer in their own error shape ({@code error_code}). */
    public boolean isOauth() {
        return oauth;
    }

    /** The top-level arrays of row objects in this operation's answer, read flat ({@link KisBody#rows}). */
    public Set<String> rowArrays() {
        return rowArrays;
    }
}
