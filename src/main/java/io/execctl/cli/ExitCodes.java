package io.execctl.cli;

/** The process exit codes, documented in README.md. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** A runtime failure, e.g. the database is unreachable or a migration failed. */
    public static final int FAILURE = 1;
    /** Bad usage or configuration: unknown option, missing or malformed setting. */
    public static final int USAGE = 2;
    /** The command ran and found mismatches (e.g. holdings vs positions), so cron can alert. */
    public static final int MISMATCHES = 3;
    /**
     * The command could not establish a complete picture (e.g. an incomplete balance) and therefore
     * changed and judged nothing; run it again.
     */
    public static final int INCOMPLETE = 4;
    /** Work was left unresolved, e.g. an order whose outcome is unknown ({@code submit}); same code as {@link #INCOMPLETE}. */
    public static final int UNRESOLVED = 4;

    private ExitCodes() {}
}
