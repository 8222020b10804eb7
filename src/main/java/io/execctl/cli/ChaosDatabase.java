package io.execctl.cli;

import io.execctl.cli.db.EmbeddedDatabase;
import io.execctl.store.Db;
import io.execctl.store.Migrations;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The chaos day's own PostgreSQL: by default an embedded cluster under the run's directory that this
 * process owns, so it can stop and start it (the PostgreSQL restart of the day) with the same port;
 * or a server given by URL, which must be empty and is never restarted. Connections of the harness
 * are unpooled, so a restart costs it nothing but the failed statements during the outage.
 */
final class ChaosDatabase implements AutoCloseable {
    private final Path pgDir;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private volatile EmbeddedDatabase embedded;

    private ChaosDatabase(
            Path pgDir, String url, Optional<String> user, Optional<String> password, EmbeddedDatabase e) {
        this.pgDir = pgDir;
        this.url = url;
        this.user = user;
        this.password = password;
        this.embedded = e;
    }

    /** Starts the embedded cluster under {@code pgDir}; refuses one another process already owns. */
    static ChaosDatabase embedded(Path pgDir) {
        EmbeddedDatabase e = EmbeddedDatabase.open(pgDir);
        if (!e.owner()) {
            e.close();
            throw new CommandFailure("the chaos PostgreSQL in " + pgDir + " belongs to another running process");
        }
        return new ChaosDatabase(pgDir, e.jdbcUrl(), Optional.of("postgres"), Optional.empty(), e);
    }

    static ChaosDatabase external(String url, Optional<String> user, Optional<String> password) {
        return new ChaosDatabase(null, url, user, password, null);
    }

    boolean restartable() {
        return embedded != null;
    }

    String url() {
        return url;
    }

    Optional<String> user() {
        return user;
    }

    Optional<String> password() {
        return password;
    }

    DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        user.ifPresent(ds::setUser);
        password.ifPresent(ds::setPassword);
        ds.setApplicationName("execctl-chaos");
        ds.setConnectTimeout(5);
        return ds;
    }

    /**
     * A fresh schema: the embedded cluster's {@code trade} schema is dropped; an external database must
     * not have one (it is never touched). Then the migrations with the contract tables.
     */
    Migrations.Report reset() {
        Jdbi jdbi = Db.create(dataSource());
        boolean exists = jdbi.withHandle(h -> h.createQuery("SELECT to_regnamespace('trade') IS NOT NULL")
                .mapTo(Boolean.class)
                .one());
        if (exists && restartable()) {
            jdbi.useHandle(h -> h.execute("DROP SCHEMA trade CASCADE"));
        } else if (exists) {
            throw new CommandFailure("--db-url names a database that already has execctl's schema; the chaos day"
                    + " needs an empty one (or leave --db-url out for its own embedded PostgreSQL)");
        }
        return Migrations.migrate(dataSource(), true);
    }

    /** Stops the embedded server (fast shutdown: every session is cut) and starts it again on its port. */
    void restart() {
        if (embedded == null) {
            throw new IllegalStateException("an external database is not restarted");
        }
        embedded.close();
        embedded = EmbeddedDatabase.open(pgDir);
        if (!embedded.jdbcUrl().equals(url)) {
            throw new CommandFailure("the chaos PostgreSQL came back on another port: " + embedded.jdbcUrl());
        }
    }

    /** Whether backend {@code pid} holds an advisory lock now (a daemon's session lock). */
    boolean holdsAdvisoryLock(int pid) {
        return Db.create(dataSource())
                .withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = :pid"
                                + " AND locktype = 'advisory' AND granted)")
                        .bind("pid", pid)
                        .mapTo(Boolean.class)
                        .one());
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }

    /**
     * The PostgreSQL restart, in ms from the start: the middle of the largest gap between the kills (and
     * 15 % / 85 % of the day), so a restart and a kill do not strike the same takeover.
     */
    static long restartAt(List<Instant> killAt, Instant start, Duration phase) {
        List<Long> marks = new ArrayList<>();
        marks.add((long) (phase.toMillis() * 0.15));
        killAt.forEach(k -> marks.add(Duration.between(start, k).toMillis()));
        marks.add((long) (phase.toMillis() * 0.85));
        marks.sort(null);
        long best = phase.toMillis() / 2;
        long widest = -1;
        for (int i = 1; i < marks.size(); i++) {
            long gap = marks.get(i) - marks.get(i - 1);
            if (gap > widest) {
                widest = gap;
                best = marks.get(i - 1) + gap / 2;
            }
        }
        return best;
    }
}
