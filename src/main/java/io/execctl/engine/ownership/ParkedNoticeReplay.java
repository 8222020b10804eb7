package io.execctl.engine.ownership;

import io.execctl.domain.OrderKey;
import org.jdbi.v3.core.Handle;

/**
 * Applies the notices parked for an order once the ownership decision wrote its row, inside the
 * same transaction ({@code h}; a {@code FillApplier} on the same thread joins it), so an adopted
 * order never exists without the fills that were waiting for it. The notice path provides it.
 */
@FunctionalInterface
public interface ParkedNoticeReplay {
    /** Nothing to replay (no notice path wired, e.g. {@code execctl submit}). */
    ParkedNoticeReplay NONE = (h, key) -> {};

    void replay(Handle h, OrderKey key);
}
