package io.execctl.store;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Where a store gets its connection: a fresh handle per call from a {@link Jdbi}, or one caller's
 * open handle (inside an {@link OrderTx} or any other transaction), so the same store code can run
 * stand-alone or as part of a larger transaction.
 */
final class Handles {
    private final Jdbi jdbi;
    private final Handle handle;

    private Handles(Jdbi jdbi, Handle handle) {
        this.jdbi = jdbi;
        this.handle = handle;
    }

    static Handles of(Jdbi jdbi) {
        return new Handles(Objects.requireNonNull(jdbi, "jdbi"), null);
    }

    static Handles of(Handle handle) {
        return new Handles(null, Objects.requireNonNull(handle, "handle"));
    }

    <R> R with(Function<Handle, R> work) {
        return handle != null ? work.apply(handle) : jdbi.withHandle(work::apply);
    }

    void use(Consumer<Handle> work) {
        with(h -> {
            work.accept(h);
            return null;
        });
    }

    /** Runs {@code work} in a transaction: the caller's if one is open, else a new one. */
    <R> R inTransaction(Function<Handle, R> work) {
        if (handle != null) {
            return handle.isInTransaction() ? work.apply(handle) : handle.inTransaction(work::apply);
        }
        return jdbi.inTransaction(work::apply);
    }
}
