package io.execctl.kis;

/**
 * The KIS endpoints the client calls. {@link #label()} is the metric/log label; {@link #isOrder()}
 * marks the POSTs that may change the account, which are never resent once they may have reached KIS.
 */
public enum KisOperation {
    TOKEN("token", "POST", "/oauth2/tokenP", false, true),
    APPROVAL("approval", "POST", "/oauth2/Approval", false, true),
    ORDER_CASH("order_cash", "POST", "/uapi/domestic-stock/v1/trading/order-cash", true, false),
    ORDER_RVSECNCL("order_rvsecncl", "POST", "/uapi/domestic-stock/v1/trading/order-rvsecncl", true, false),
    INQUIRE_PSBL_RVSECNCL("inquire_psbl_rvsecncl", "GET", "/uapi/domestic-stock/v1/trading/inquire-psbl-rvsecncl", false, false),
    INQUIRE_DAILY_CCLD("inquire_daily_ccld", "GET", "/uapi/domestic-stock/v1/trading/inquire-daily-ccld", false, false),
    INQUIRE_BALANCE("inquire_balance", "GET", "/uapi/domestic-stock/v1/trading/inquire-balance", false, false);

    private final String label;
    private final String method;
    private final String path;
    private final boolean order;
    private final boolean oauth;

    KisOperation(String label, String method, String path, boolean order, boolean oauth) {
        this.label = label;
        this.method = method;
        this.path = path;
        this.order = order;
        this.oauth = oauth;
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
}
