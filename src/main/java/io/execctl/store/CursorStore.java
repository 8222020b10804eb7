package io.execctl.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code trade.sync_cursors}: where each incremental sync got to, as JSON text. Saving it in the
 * same transaction as the rows it covers (a store {@link #on(Handle) on} that handle) means a crash
 * can never advance the cursor past unsaved data.
 */
public final class CursorStore {
    private final Handles handles;

    private CursorStore(Handles handles) {
        this.handles = handles;
    }

    public static CursorStore of(Jdbi jdbi) {
        return new CursorStore(Handles.of(jdbi));
    }

    public static CursorStore on(Handle handle) {
        return new CursorStore(Handles.of(handle));
    }

    /** The cursor's JSON text, empty if it was never saved. */
    public Optional<String> get(String name) {
        return handles.with(h -> h.createQuery("SELECT value::text FROM trade.sync_cursors WHERE name = :n")
                .bind("n", name)
                .mapTo(String.class)
                .findOne());
    }

    /** Inserts or replaces the cursor. */
    public void put(String name, String valueJson, Instant at) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueJson, "valueJson");
        Objects.requireNonNull(at, "at");
        handles.use(h -> h.createUpdate("""
                INSERT INTO trade.sync_cursors (name, value, updated_ts) VALUES (:n, CAST(:v AS jsonb), :at)
                ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_ts = EXCLUDED.updated_ts
                """)
                .bind("n", name)
                .bind("v", valueJson)
                .bind("at", at)
                .execute());
    }

    /** When the cursor was last saved. */
    public Optional<Instant> updatedAt(String name) {
        return handles.with(h -> h.createQuery("SELECT updated_ts FROM trade.sync_cursors WHERE name = :n")
                .bind("n", name)
                .mapTo(Instant.class)
                .findOne());
    }

    /** Forgets the cursor (the next sync starts over, e.g. at bootstrap). */
    public boolean delete(String name) {
        return handles.with(h -> h.createUpdate("DELETE FROM trade.sync_cursors WHERE name = :n")
                        .bind("n", name)
                        .execute())
                == 1;
    }
}
