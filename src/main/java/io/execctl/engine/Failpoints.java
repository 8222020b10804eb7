package io.execctl.engine;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Crash points for the kill tests and the chaos harness: at a named point the process halts at once
 * ({@link Runtime#halt}, exit code 137 like {@code kill -9}): no shutdown hooks, no finally blocks, an
 * open transaction is rolled back by the server. That is the only honest way to show what a restart
 * finds after a crash at exactly that point.
 *
 * <p>Off unless {@code -Dexecctl.failpoints=...} or {@code EXECCTL_FAILPOINTS=...} is set when the
 * class loads: {@code after-claim}, {@code after-send-before-record:2} (halt at the second hit), comma
 * separated. When off, {@link #hit} is a read of a static final false, which the JIT folds away.
 * Never set in production.
 */
public final class Failpoints {
    /** After the claim transaction committed (intent SENDING, journal CLAIMED), before the send. */
    public static final String AFTER_CLAIM = "after-claim";
    /** After the broker answered the order POST, before anything of the answer is written. */
    public static final String AFTER_SEND_BEFORE_RECORD = "after-send-before-record";
    /** Inside the accepted transaction: order row and journal written, intent not yet moved; not committed. */
    public static final String AFTER_RECORD_BEFORE_INTENT = "after-record-before-intent-update";

    public static final String PROPERTY = "execctl.failpoints";
    public static final String ENV = "EXECCTL_FAILPOINTS";
    public static final int EXIT_CODE = 137;

    private static final Set<String> KNOWN = Set.of(AFTER_CLAIM, AFTER_SEND_BEFORE_RECORD, AFTER_RECORD_BEFORE_INTENT);
    private static final Map<String, AtomicInteger> ARMED = parse(spec());

    /** True when any failpoint is armed; read once at class load. */
    public static final boolean ENABLED = !ARMED.isEmpty();

    private Failpoints() {}

    /** Halts the JVM with 137 if {@code name} is armed and this is its N-th hit; otherwise nothing. */
    public static void hit(String name) {
        if (!ENABLED) {
            return;
        }
        AtomicInteger left = ARMED.get(name);
        if (left != null && left.decrementAndGet() == 0) {
            System.err.println("execctl: failpoint " + name + " reached, halting with " + EXIT_CODE);
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }

    private static String spec() {
        String p = System.getProperty(PROPERTY);
        return p != null ? p : System.getenv(ENV);
    }

    /**
     * {@code name[:N][,name[:N]]...} to name → hits left before halting.
     *
     * @throws IllegalArgumentException for an unknown name or a bad count (a typo must not silently
     *                                  arm nothing in a crash test)
     */
    static Map<String, AtomicInteger> parse(String spec) {
        Map<String, AtomicInteger> armed = new HashMap<>();
        if (spec == null || spec.isBlank()) {
            return Map.of();
        }
        for (String part : spec.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.indexOf(':');
            String name = colon < 0 ? p : p.substring(0, colon);
            int count = 1;
            if (colon >= 0) {
                try {
                    count = Integer.parseInt(p.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("failpoint " + name + ": bad hit count in '" + part + "'", e);
                }
                if (count < 1) {
                    throw new IllegalArgumentException("failpoint " + name + ": hit count must be >= 1");
                }
            }
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown failpoint '" + name + "'; known: " + KNOWN);
            }
            armed.put(name, new AtomicInteger(count));
        }
        return Map.copyOf(armed);
    }
}
