package io.execctl.cli.db;

import io.execctl.cli.Cli;
import io.execctl.cli.CliContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded path, once (starting PostgreSQL is slow): migrate through the CLI without
 * EXECCTL_DB_URL, a second open connects to the running server instead of starting another, the
 * owner stops it; a later owner in another JVM starts it on the remembered port and is killed -9, and
 * the next open stops that orphaned server and restarts it as its owner, with the data intact.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void startsSharesStopsRestartsAndRecoversFromAKilledOwner() throws Exception {
        Path pgDir = dataDir.resolve("pg");
        int port;
        try (EmbeddedDatabase owner = EmbeddedDatabase.open(pgDir)) {
            assertThat(owner.owner()).isTrue();
            port = owner.port();
            assertThat(Files.exists(pgDir.resolve("data").resolve("PG_VERSION")))
                    .isTrue();
            assertThat(PostmasterPid.read(pgDir.resolve("data")).orElseThrow().port())
                    .isEqualTo(port);

            // While the owner runs, the CLI (another "process" on the same data dir) is a guest.
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Cli.run(
                    new CliContext(Map.of("EXECCTL_DATA_DIR", dataDir.toString(), "HOME", "/nonexistent")),
                    new PrintWriter(out),
                    new PrintWriter(err),
                    "migrate",
                    "--with-contract-tables");
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("applied trade 1 ");

            try (EmbeddedDatabase guest = EmbeddedDatabase.open(pgDir)) {
                assertThat(guest.owner()).isFalse();
                assertThat(guest.port()).isEqualTo(port);
            }
            // the guest let go without stopping the server
            assertThat(count(owner, "SELECT count(*) FROM trade.orders")).isZero();
            exec(owner, "INSERT INTO trade.kept_test_marker VALUES (42)");
        }
        assertThat(PostmasterPid.read(pgDir.resolve("data")).filter(PostmasterPid::alive))
                .isEmpty();
        assertThat(pgDir.resolve("port")).hasContent(port + "\n");

        // Another process starts it again on the remembered port and is killed -9: its server is orphaned.
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Holder.class.getName(),
                        pgDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long orphanPid;
        try {
            String ready = CompletableFuture.supplyAsync(() -> readLine(holder)).get(180, TimeUnit.SECONDS);
            assertThat(ready).isEqualTo("ready " + port);
            orphanPid = PostmasterPid.read(pgDir.resolve("data")).orElseThrow().pid();
        } finally {
            holder.destroyForcibly();
            holder.onExit().get(60, TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

        // The next process stops the orphan and becomes the owner of a fresh server on the same data.
        try (EmbeddedDatabase again = EmbeddedDatabase.open(pgDir)) {
            assertThat(again.owner()).isTrue();
            assertThat(again.port()).isEqualTo(port);
            assertThat(count(again, "SELECT x FROM trade.kept_test_marker")).isEqualTo(42);
            // a new postmaster (the old pid may linger as an unreaped zombie under some init processes)
            assertThat(PostmasterPid.read(pgDir.resolve("data")).orElseThrow().pid())
                    .isNotEqualTo(orphanPid);
        }
        assertThat(PostmasterPid.read(pgDir.resolve("data")).filter(PostmasterPid::alive))
                .isEmpty();
    }

    private static String readLine(Process p) {
        try {
            return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs in a child JVM: opens (owns) the embedded database and waits to be killed. */
    public static final class Holder {
        public static void main(String[] args) throws InterruptedException {
            EmbeddedDatabase db = EmbeddedDatabase.open(Path.of(args[0]));
            System.out.println("ready " + db.port());
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }

    private static void exec(EmbeddedDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS trade.kept_test_marker (x int)");
            st.execute(sql);
        }
    }

    private static long count(EmbeddedDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void postmasterPidParsesPidAndPortAndRejectsPartialFiles() {
        assertThat(PostmasterPid.parse(
                        List.of("4242", "/data", "1700000000", "54321", "/tmp", "localhost", "  1 2", "ready")))
                .contains(new PostmasterPid(4242, Path.of("/data"), 54321));
        assertThat(PostmasterPid.parse(List.of("4242", "/data", "1700000000"))).isEmpty();
        assertThat(PostmasterPid.parse(List.of("x", "/data", "1", "54321"))).isEmpty();
        assertThat(PostmasterPid.parse(List.of("4242", "/data", "1", "70000"))).isEmpty();
        assertThat(new PostmasterPid(ProcessHandle.current().pid(), Path.of("/d"), 1).alive())
                .as("a live pid that is not a postgres process")
                .isFalse();
    }
}
