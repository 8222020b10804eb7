package io.execctl.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.List;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * {@code --log-format text|json}: human-readable lines for a terminal (the default) or one JSON object
 * per line (logback's own {@code JsonEncoder}, MDC included: {@code intent_id}, {@code order_id},
 * {@code loop}) for the daemon under supervisord or systemd. logback.xml picks the appender from the
 * context property {@value #PROPERTY}; the option is applied before the command runs by reconfiguring
 * logback from the packaged logback.xml, so every line of the command — and of a daemon — has the chosen format.
 */
final class LogFormat {
    static final String PROPERTY = "EXECCTL_LOG_FORMAT";
    static final List<String> VALUES = List.of("text", "json");

    private LogFormat() {}

    /** The format named in {@code args} ({@code --log-format X} or {@code --log-format=X}), or null. */
    static String fromArgs(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--log-format") && i + 1 < args.length) {
                return args[i + 1].toLowerCase(Locale.ROOT);
            }
            if (args[i].startsWith("--log-format=")) {
                return args[i].substring("--log-format=".length()).toLowerCase(Locale.ROOT);
            }
            if (args[i].equals("--")) {
                break;
            }
        }
        return null;
    }

    /** Reconfigures logback for {@code format} (text or json); anything else is left to picocli to refuse. */
    static void apply(String format) {
        if (format == null || !VALUES.contains(format)) {
            return;
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext ctx)) {
            return;
        }
        if (format.equals(ctx.getProperty(PROPERTY))) {
            return;
        }
        ctx.reset();
        ctx.putProperty(PROPERTY, format);
        URL config = LogFormat.class.getResource("/logback.xml");
        try {
            JoranConfigurator joran = new JoranConfigurator();
            joran.setContext(ctx);
            joran.doConfigure(config);
        } catch (JoranException e) {
            System.err.println("execctl: logging could not be configured: " + e.getMessage());
        }
        ctx.putProperty(PROPERTY, format);
    }
}
