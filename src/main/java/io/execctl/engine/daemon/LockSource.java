package io.execctl.engine.daemon;

import io.execctl.store.SessionLock;
import java.time.Duration;
import java.util.Optional;

/**
 * Takes the daemon's session lock (one active daemon per account), waiting up to {@code wait};
 * empty if another daemon kept it. Throws when the database cannot be reached. The command wires it
 * to {@link SessionLock#acquire} on an unpooled data source.
 */
@FunctionalInterface
public interface LockSource {
    Optional<SessionLock> acquire(Duration wait, SessionLock.LostListener onLost);
}
