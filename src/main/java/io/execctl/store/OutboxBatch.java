package io.execctl.store;

import java.util.List;
import java.util.Objects;

/**
 * What one {@link OutboxStore#readAfter} returned.
 *
 * @param items    the events, in consumption order, each with the cursor to store once it is handled
 * @param next     the cursor after the last item (the request's cursor when there are none)
 * @param heldBack true when committed events past {@code next} exist that are not delivered yet
 *                 because an older transaction is still open (it may still commit an event before
 *                 them): read again shortly, no NOTIFY may come for them
 */
public record OutboxBatch(List<Item> items, OutboxCursor next, boolean heldBack) {
    public OutboxBatch {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }

    /** One event and the cursor that points at it. */
    public record Item(OutboxCursor cursor, OutboxEvent event) {
        public Item {
            Objects.requireNonNull(cursor, "cursor");
            Objects.requireNonNull(event, "event");
        }
    }

    public List<OutboxEvent> events() {
        return items.stream().map(Item::event).toList();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}
