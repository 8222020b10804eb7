/**
 * The database side of execctl: Flyway migrations ({@link io.execctl.store.Migrations}), one Jdbi
 * store per table of schema {@code trade} (idempotent writes keyed on natural keys), per-order
 * advisory-lock transactions ({@link io.execctl.store.OrderTx}), the LISTEN/NOTIFY listener and the
 * shared KIS token cache ({@link io.execctl.store.PgTokenStore}, the {@code kis.port} implementation).
 *
 * <p>Every store is created with {@code X.of(jdbi)} (its own connection per call) or
 * {@code X.on(handle)} (inside the caller's transaction). Get the Jdbi from
 * {@link io.execctl.store.Db#create}. Tables, keys and ownership: {@code docs/schema.md}.
 */
package io.execctl.store;
