package io.execctl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the local PostgreSQL's processes over a measurement (Linux {@code /proc}, user + system,
 * in clock ticks of 10 ms): the database's share of a notice's cost on the same cores, which the
 * JVM's own figures do not show. Every {@code postgres} process of the machine counts (on a quiet
 * machine: this benchmark's backends, the WAL writer, the checkpointer); a backend that ended during
 * the measurement is not counted. Prints nothing where {@code /proc} is missing.
 */
final class PostgresCpu {
    private static final Path PROC = Path.of("/proc");
    private static final double TICK_MS = 10.0; // USER_HZ is 100 on Linux

    private final Map<String, Long> before = ticks();

    private PostgresCpu() {}

    static PostgresCpu start() {
        return new PostgresCpu();
    }

    private static Map<String, Long> ticks() {
        Map<String, Long> out = new HashMap<>();
        if (!Files.isDirectory(PROC)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(PROC)) {
            dirs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(p -> {
                        try {
                            String stat = Files.readString(p.resolve("stat"));
                            int close = stat.lastIndexOf(')');
                            if (!stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
                                return;
                            }
                            // after "pid (comm) ": state ppid ... utime is field 14, stime 15 (1-based)
                            String[] f = stat.substring(close + 2).split(" ");
                            out.put(p.getFileName().toString(), Long.parseLong(f[11]) + Long.parseLong(f[12]));
                        } catch (IOException | RuntimeException gone) {
                            // the process ended while we looked
                        }
                    });
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    String report(long notices) {
        if (before.isEmpty()) {
            return "";
        }
        long used = 0;
        for (Map.Entry<String, Long> e : ticks().entrySet()) {
            used += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return String.format(
                "postgres: %.1f us CPU per notice (all postgres processes of the machine, 10 ms ticks)%n",
                used * TICK_MS * 1e3 / notices);
    }
}
