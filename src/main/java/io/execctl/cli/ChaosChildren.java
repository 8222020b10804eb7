package io.execctl.cli;

import io.execctl.config.Setting;
import io.execctl.domain.KisEnv;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts execctl commands as separate OS processes (a JVM each, this JVM's class path, the chaos
 * environment), their output in files under the run directory — the daemon the way an operator runs
 * it, not a thread of the harness, so {@code kill -9} is a real process death. Also reads a daemon's
 * heap use with {@code jcmd}.
 */
final class ChaosChildren {
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final Pattern ACTIVE_BACKEND = Pattern.compile("active backend=(\\d+)");

    private final Path logDir;
    private final Map<String, String> env;
    private final List<String> jvmOptions;
    private final AtomicInteger seq = new AtomicInteger();
    /** Every child still running, killed by the shutdown hook: a harness stopped by SIGTERM leaves no daemon behind. */
    private final Set<Process> live = ConcurrentHashMap.newKeySet();

    ChaosChildren(Path logDir, Map<String, String> env, List<String> jvmOptions) {
        this.logDir = Objects.requireNonNull(logDir, "logDir");
        this.env = Map.copyOf(env);
        this.jvmOptions = List.copyOf(jvmOptions);
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::killAll, "chaos-children-reaper"));
    }

    /** Kills every child still alive (SIGKILL): a stopped harness must not leave daemons trading on. */
    void killAll() {
        for (Process p : live) {
            p.destroyForcibly();
        }
    }

    /** The children's environment: the simulator's credentials and URLs, the day's database, a data directory. */
    static Map<String, String> env(
            KisEnv kisEnv, Path dir, Simulator sim, ChaosDatabase db, Map<Setting, String> daemonSettings) {
        Map<String, String> env = new HashMap<>();
        env.put("KIS_ENV", kisEnv.key());
        env.put("KIS_APP_KEY", SimOptions.DEMO_APP_KEY);
        env.put("KIS_APP_SECRET", SimOptions.DEMO_APP_SECRET);
        env.put("KIS_ACCOUNT", SimOptions.DEMO_ACCOUNT);
        env.put("KIS_HTS_ID", SimOptions.DEMO_HTS_ID);
        env.put("KIS_REST_URL", sim.restUrl());
        env.put("KIS_WS_URL", sim.wsUrl());
        env.put("EXECCTL_DB_URL", db.url());
        db.user().ifPresent(u -> env.put("EXECCTL_DB_USER", u));
        db.password().ifPresent(p -> env.put("EXECCTL_DB_PASSWORD", p));
        env.put("EXECCTL_DATA_DIR", dir.resolve("data").toString());
        daemonSettings.forEach((setting, value) -> env.put(setting.key(), value));
        return env;
    }

    /** A started child: the process and the file its stdout goes to. */
    record Child(String name, Process process, Path stdout) {
        long pid() {
            return process.pid();
        }
    }

    /** Starts {@code execctl <args>} as {@code name}; stdout and stderr go to numbered files. */
    Child start(String name, List<String> args) {
        String base = name + "." + seq.incrementAndGet();
        Path out = logDir.resolve(base + ".out");
        Path err = logDir.resolve(base + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            live.add(p);
            p.onExit().thenAccept(live::remove);
            return new Child(name, p, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    private static File nullDevice() {
        return Path.of("/dev/null").toFile();
    }

    /** The daemon's last transition line on stdout (standby, active …, bootstrap …, running, lost, stopped). */
    static Optional<String> lastTransition(Path stdout) {
        try {
            if (!Files.exists(stdout)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String l = lines.get(i).strip();
                if (l.equals("standby")
                        || l.startsWith("active")
                        || l.startsWith("bootstrap")
                        || l.equals("running")
                        || l.equals("lost")
                        || l.equals("stopped")) {
                    return Optional.of(l);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The backend pid of the daemon's last "active backend=N" line. */
    static Optional<Integer> lastBackend(Path stdout) {
        try {
            if (!Files.exists(stdout)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                Matcher m = ACTIVE_BACKEND.matcher(lines.get(i).strip());
                if (m.matches()) {
                    return Optional.of(Integer.parseInt(m.group(1)));
                }
            }
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Heap in use of a JVM by {@code jcmd <pid> GC.heap_info}, in bytes; empty when it cannot be read. */
    static Optional<Long> heapUsed(long pid) {
        try {
            Process p = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                    .toString(),
                            Long.toString(pid),
                            "GC.heap_info")
                    .redirectErrorStream(true)
                    .start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return parseHeapUsed(text);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The sum of every "used NK" of GC.heap_info's generation lines (not the metaspace lines). */
    static Optional<Long> parseHeapUsed(String heapInfo) {
        long total = 0;
        boolean any = false;
        for (String line : heapInfo.split("\n")) {
            if (line.contains("Metaspace") || line.contains("class space")) {
                continue;
            }
            Matcher m = HEAP_USED.matcher(line);
            if (m.find() && (line.contains("total") || line.contains("heap"))) {
                total += Long.parseLong(m.group(1)) * 1024;
                any = true;
            }
        }
        return any ? Optional.of(total) : Optional.empty();
    }
}
