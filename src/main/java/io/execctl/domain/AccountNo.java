package io.execctl.domain;

import java.util.regex.Pattern;

/**
 * A KIS account number {@code CANO-ACNT_PRDT_CD} (8 + 2 digits, e.g. {@code 12345678-01}).
 * It is a secret: {@link #toString()} masks it, so it cannot leak into a log line by accident; use
 * {@link #cano()}/{@link #productCode()} where KIS needs the digits.
 */
public record AccountNo(String cano, String productCode) {
    private static final Pattern FULL = Pattern.compile("(\\d{8})-?(\\d{2})");

    public AccountNo {
        Checks.notNull(cano, "cano");
        Checks.notNull(productCode, "productCode");
        if (!cano.matches("\\d{8}")) {
            throw new IllegalArgumentException("account number must have 8 digits before the product code");
        }
        if (!productCode.matches("\\d{2}")) {
            throw new IllegalArgumentException("account product code must have 2 digits");
        }
    }

    /** Parses {@code 12345678-01} (or {@code 1234567801}); the message never repeats the input. */
    public static AccountNo parse(String s) {
        if (s == null) {
            throw new IllegalArgumentException("account number is missing");
        }
        var m = FULL.matcher(s.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("account number must look like 12345678-01");
        }
        return new AccountNo(m.group(1), m.group(2));
    }

    public static AccountNo of(String s) {
        return parse(s);
    }

    /** The unmasked form {@code 12345678-01}: for KIS requests and the database only. */
    public String reveal() {
        return cano + "-" + productCode;
    }

    /** Masked: {@code 12****78-01}. */
    @Override
    public String toString() {
        return cano.substring(0, 2) + "****" + cano.substring(6) + "-" + productCode;
    }
}
