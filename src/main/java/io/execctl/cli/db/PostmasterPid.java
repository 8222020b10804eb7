package io.execctl.cli.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The first lines of PostgreSQL's {@code postmaster.pid} lock file: line 1 the postmaster's process
 * id, line 2 the data directory, line 4 the port. It is how a second execctl process finds the server
 * the first one started on the same data directory.
 */
public record PostmasterPid(long pid, Path dataDirectory, int port) {

    public static Optional<PostmasterPid> read(Path dataDirectory) {
        Path file = dataDirectory.resolve("postmaster.pid");
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Empty when the file is incomplete (the postmaster writes it in steps) or not a postmaster.pid. */
    static Optional<PostmasterPid> parse(List<String> lines) {
        if (lines.size() < 4) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).strip());
            int port = Integer.parseInt(lines.get(3).strip());
            if (pid <= 0 || port <= 0 || port > 65_535) {
                return Optional.empty();
            }
            return Optional.of(new PostmasterPid(pid, Path.of(lines.get(1).strip()), port));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the process still exists and looks like a PostgreSQL server (not a reused pid). */
    public boolean alive() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info()
                        .command()
                        .map(c -> c.endsWith("postgres") || c.endsWith("postmaster"))
                        .orElse(true))
                .orElse(false);
    }
}
