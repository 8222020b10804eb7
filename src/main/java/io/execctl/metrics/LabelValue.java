package io.execctl.metrics;

import java.util.regex.Pattern;

/**
 * The last line of defence for label values. Every label is meant to come from a fixed vocabulary
 * (operation, outcome, msg_cd, symbol, loop); a value that does not look like one — too long, or with
 * characters no vocabulary word has — is exported as {@code other}, so a secret or free text handed in
 * by mistake never reaches a scrape and never explodes the series count.
 */
final class LabelValue {
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    static final String OTHER = "other";

    private LabelValue() {}

    static String of(String value) {
        return value != null && WORD.matcher(value).matches() ? value : OTHER;
    }

    /** A KRX symbol: 6 to 9 letters or digits (e.g. {@code 005930}, {@code Q500001}). */
    static String symbol(String value) {
        return value != null && value.matches("[0-9A-Z]{6,9}") ? value : OTHER;
    }
}
