package io.execctl.cli.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL 15 (zonky binaries from the pom) used when no {@code EXECCTL_DB_URL} is
 * set, so execctl runs on a machine without a database server.
 *
 * <p>Layout under {@code pgDir} ({@code $EXECCTL_DATA_DIR/pg}): {@code data/} the cluster (kept
 * between runs), {@code bin/} the unpacked binaries, {@code port} the remembered port,
 * {@code postgres.log} the server's output, {@code start.lock} serialising the start decision.
 *
 * <p>Sharing rule: the first execctl process that needs the database <em>owns</em> it — it starts the
 * server and stops it when it exits (zonky holds {@code data/epg-lock} for the owner's lifetime).
 * Another process that finds a live server whose owner still holds that lock connects to it as a
 * <em>guest</em> (port from {@code data/postmaster.pid}) and never stops it. A server whose owner died
 * without stopping it (kill -9) is stopped and restarted by the next process, which becomes its owner.
 * The port is remembered so clients configured by hand keep working; a new one is picked only if it
 * is taken. Start the long-running command (the daemon) first: when an owner exits, guests lose the
 * database.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    /** The database execctl uses inside the embedded cluster (the superuser is {@code postgres}). */
    public static final String DATABASE = "execctl";

    static final String USER = "postgres";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    /**
     * How long the exit hook lets the owner's own shutdown (a Ctrl-C'd demo settling and checking the
     * ledger, a daemon letting its sends finish) use the server before it stops it anyway.
     */
    static final Duration EXIT_GRACE = Duration.ofSeconds(30);

    private final Path pgDir;
    private final int port;
    private final EmbeddedPostgres owned;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread stopAtExit;

    private EmbeddedDatabase(Path pgDir, int port, EmbeddedPostgres owned) {
        this.pgDir = pgDir;
        this.port = port;
        this.owned = owned;
        // zonky's own exit hook stopped the server the moment a signal came, while the process was
        // still shutting down on it: Ctrl-C on `execctl demo` ended in "terminating connection due to
        // administrator command" instead of the summary. This hook waits for close() first.
        this.stopAtExit = owned == null ? null : new Thread(this::stopAtExit, "embedded-postgres-stop");
        if (stopAtExit != null) {
            Runtime.getRuntime().addShutdownHook(stopAtExit);
        }
    }

    /** Connects to the server running on {@code pgDir}, or starts one (and creates the database). */
    public static EmbeddedDatabase open(Path pgDir) {
        IN_PROCESS.lock();
        try {
            Files.createDirectories(pgDir);
            Path data = pgDir.resolve("data");
            try (FileChannel ch = FileChannel.open(
                            pgDir.resolve("start.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = ch.lock()) {
                Optional<PostmasterPid> running = PostmasterPid.read(data).filter(PostmasterPid::alive);
                if (running.isPresent()) {
                    if (ownerAlive(data)) {
                        LOG.debug(
                                "embedded PostgreSQL already running on port {}; connecting as a guest",
                                running.get().port());
                        return new EmbeddedDatabase(pgDir, running.get().port(), null);
                    }
                    LOG.warn(
                            "embedded PostgreSQL (pid {}) was left running by a process that died; restarting it",
                            running.get().pid());
                    stopOrphan(pgDir, data, running.get());
                }
                return start(pgDir, data);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    e.getClass() == IOException.class
                            ? e.getMessage()
                            : e.getClass().getSimpleName() + ": " + e.getMessage(),
                    e);
        } finally {
            IN_PROCESS.unlock();
        }
    }

    private static EmbeddedDatabase start(Path pgDir, Path data) throws IOException {
        int port = rememberedPort(pgDir).filter(EmbeddedDatabase::free).orElseGet(EmbeddedDatabase::anyFreePort);
        Path bin = pgDir.resolve("bin");
        Files.createDirectories(bin);
        Path log = pgDir.resolve("postgres.log");
        LOG.info("starting embedded PostgreSQL in {} on port {}", data, port);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(bin.toFile())
                .setPort(port)
                // zonky turns synchronous_commit off for tests; this database keeps real orders and fills.
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("timezone", "UTC")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(false) // ours waits for the owner's close(): see the constructor
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Files.writeString(pgDir.resolve("port"), Integer.toString(port) + "\n", StandardCharsets.UTF_8);
        EmbeddedDatabase db = new EmbeddedDatabase(pgDir, port, pg);
        try {
            db.createDatabaseIfMissing();
        } catch (SQLException e) {
            db.close();
            throw new IOException("cannot create database " + DATABASE + ": " + e.getMessage(), e);
        }
        return db;
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection c = dataSource("postgres").getConnection();
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            st.execute("CREATE DATABASE " + DATABASE);
        }
    }

    /** zonky's {@code epg-lock} is held by the owning JVM for as long as it runs. */
    private static boolean ownerAlive(Path data) throws IOException {
        Path lock = data.resolve("epg-lock");
        if (!Files.exists(lock)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // owned by this very JVM
        }
    }

    private static void stopOrphan(Path pgDir, Path data, PostmasterPid orphan) throws IOException {
        Optional<Path> pgCtl = findPgCtl(pgDir.resolve("bin"));
        try {
            if (pgCtl.isPresent()) {
                List<String> cmd = new ArrayList<>();
                if (LinuxUtils.isUnshareAvailable()) {
                    // as zonky does: pg_ctl refuses to run as root, so run it in a user namespace
                    cmd.addAll(List.of("unshare", "-U"));
                }
                cmd.addAll(
                        List.of(pgCtl.get().toString(), "stop", "-D", data.toString(), "-m", "fast", "-w", "-t", "60"));
                Process p = new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(
                                pgDir.resolve("postgres.log").toFile()))
                        .start();
                if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IOException("pg_ctl stop failed for the orphaned server (pid " + orphan.pid() + "); see "
                            + pgDir.resolve("postgres.log"));
                }
            } else {
                ProcessHandle h = ProcessHandle.of(orphan.pid()).orElseThrow();
                h.destroy(); // SIGTERM: smart shutdown
                h.onExit().get(90, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the orphaned server", e);
        } catch (ExecutionException | TimeoutException | NoSuchElementException e) {
            throw new IOException("cannot stop the orphaned server (pid " + orphan.pid() + ")", e);
        }
    }

    private static Optional<Path> findPgCtl(Path bin) throws IOException {
        if (!Files.isDirectory(bin)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(bin, "PG-*")) {
            for (Path d : dirs) {
                Path ctl = d.resolve("bin").resolve("pg_ctl");
                if (Files.isExecutable(ctl)) {
                    return Optional.of(ctl);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> rememberedPort(Path pgDir) {
        try {
            int p = Integer.parseInt(Files.readString(pgDir.resolve("port"), StandardCharsets.UTF_8)
                    .strip());
            return p > 0 && p <= 65_535 ? Optional.of(p) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int anyFreePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port for the embedded PostgreSQL", e);
        }
    }

    public DataSource dataSource() {
        return dataSource(DATABASE);
    }

    private PGSimpleDataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser(USER);
        ds.setApplicationName("execctl");
        return ds;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    /** True when this process started the server (and stops it on {@link #close()}). */
    public boolean owner() {
        return owned != null;
    }

    public Path pgDir() {
        return pgDir;
    }

    /** Stops the server if this process owns it; a guest just lets go. */
    @Override
    public void close() {
        if (owned == null) {
            return;
        }
        stop();
        released.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it sees the release and returns
        }
    }

    private void stopAtExit() {
        try {
            if (released.await(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
    }

    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            owned.close();
        } catch (IOException e) {
            LOG.warn("stopping embedded PostgreSQL: {}", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL in " + pgDir + " on port " + port + (owner() ? "" : " (shared)");
    }
}
