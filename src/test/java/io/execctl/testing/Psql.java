package io.execctl.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script with the real {@code psql} client against a {@link TestDatabase}, for scripts that
 * use psql's own commands ({@code \gexec}, {@code \if}, {@code \prompt}). psql runs in a new session
 * without a controlling terminal and with stdin from /dev/null, so a {@code \prompt} can never wait
 * for a person.
 */
public final class Psql {
    /** Exit code and everything psql printed (stdout and stderr together). */
    public record Result(int code, String output) {}

    private Psql() {}

    /** {@code psql -X -v ON_ERROR_STOP=1 [-v k=v ...] -f script} on {@code db} as its admin user. */
    public static Result run(TestDatabase db, Path script, Map<String, String> variables) {
        List<String> cmd = new ArrayList<>(List.of("setsid", "-w", "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"));
        variables.forEach((k, v) -> {
            cmd.add("-v");
            cmd.add(k + "=" + v);
        });
        cmd.add("-d");
        cmd.add(libpqUrl(db.url()));
        cmd.add("-f");
        cmd.add(script.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("PGUSER", db.user());
        if (db.password() != null) {
            pb.environment().put("PGPASSWORD", db.password());
        }
        pb.environment().put("PGCONNECT_TIMEOUT", "10");
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("psql did not finish within 60 s:\n" + out);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run psql (is the PostgreSQL client installed?): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code jdbc:postgresql://host:port/db?x} → {@code postgresql://host:port/db} (JDBC parameters dropped). */
    static String libpqUrl(String jdbcUrl) {
        String u = jdbcUrl.startsWith("jdbc:") ? jdbcUrl.substring("jdbc:".length()) : jdbcUrl;
        int q = u.indexOf('?');
        return q < 0 ? u : u.substring(0, q);
    }
}
