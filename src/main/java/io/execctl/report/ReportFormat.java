package io.execctl.report;

import java.util.Locale;

/** How a report is printed: an aligned table for people, CSV and JSON for programs. */
public enum ReportFormat {
    TABLE,
    CSV,
    JSON;

    /** Case-insensitive; picocli passes the option's text here. */
    public static ReportFormat parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
