package io.execctl.kis.ws;

/**
 * What a notice reports, from {@code CNTG_YN}: {@code 1} = acceptance/confirmation of a new,
 * modify or cancel order (or its rejection when {@code RFUS_YN=1}); {@code 2} = an execution.
 */
public enum NoticeKind {
    ACK("1"),
    FILL("2");

    private final String kisCode;

    NoticeKind(String kisCode) {
        this.kisCode = kisCode;
    }

    public String kisCode() {
        return kisCode;
    }

    /** Parses {@code CNTG_YN}; throws naming the bad value. */
    public static NoticeKind fromKisCode(String code) {
        if ("1".equals(code)) {
            return ACK;
        }
        if ("2".equals(code)) {
            return FILL;
        }
        throw new IllegalArgumentException("unknown CNTG_YN '" + code + "'");
    }
}
