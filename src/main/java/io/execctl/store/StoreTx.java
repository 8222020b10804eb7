package io.execctl.store;

import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The stores bound to one open transaction: everything written through them commits or rolls back
 * together (a fill, its order's new quantities, the intent's status and the outbox event).
 */
public final class StoreTx {
    private final Handle handle;

    StoreTx(Handle handle) {
        this.handle = Objects.requireNonNull(handle, "handle");
    }

    /** Runs {@code work} in a new transaction (or the calling thread's open one) without any lock. */
    public static <T> T inTransaction(Jdbi jdbi, Function<StoreTx, T> work) {
        return jdbi.inTransaction(h -> work.apply(new StoreTx(h)));
    }

    public Handle handle() {
        return handle;
    }

    public OrderStore orders() {
        return OrderStore.on(handle);
    }

    public FillStore fills() {
        return FillStore.on(handle);
    }

    public IntentStore intents() {
        return IntentStore.on(handle);
    }

    public PositionStore positions() {
        return PositionStore.on(handle);
    }

    public HoldingStore holdings() {
        return HoldingStore.on(handle);
    }

    public OutboxStore outbox() {
        return OutboxStore.on(handle);
    }

    public SubmissionStore submissions() {
        return SubmissionStore.on(handle);
    }

    public CursorStore cursors() {
        return CursorStore.on(handle);
    }

    public ParkedNoticeStore parkedNotices() {
        return ParkedNoticeStore.on(handle);
    }

    public HeldNoticeStore heldNotices() {
        return HeldNoticeStore.on(handle);
    }

    public OrderChains chains() {
        return OrderChains.on(handle);
    }

    public BrokerMessageStore brokerMessages() {
        return BrokerMessageStore.on(handle);
    }
}
