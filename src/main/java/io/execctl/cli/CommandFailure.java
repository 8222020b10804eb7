package io.execctl.cli;

/**
 * A runtime failure a command reports in one line (database unreachable, migration refused): exit
 * code {@link ExitCodes#FAILURE}. The message must not contain secrets.
 */
public final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandFailure(String message) {
        super(message);
    }

    public CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
