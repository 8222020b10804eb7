package io.execctl.store;

/**
 * A consumer's position in {@code trade.outbox}: the last event it has handled, as (writing
 * transaction's xid, id). Events are consumed in that order, not in id order, because ids are taken
 * before commit and so commit out of order; see {@link OutboxStore#readAfter}. Store both numbers
 * (e.g. in {@code sync_cursors} or the consumer's own table) after handling an event.
 *
 * @param xid the {@code xid8} of the event's transaction (non-negative; 0 before the first event)
 * @param id  the event's id (0 before the first event)
 */
public record OutboxCursor(long xid, long id) implements Comparable<OutboxCursor> {
    /** Before every event. */
    public static final OutboxCursor START = new OutboxCursor(0, 0);

    public OutboxCursor {
        if (xid < 0 || id < 0) {
            throw new IllegalArgumentException("an outbox cursor is non-negative: (" + xid + ", " + id + ")");
        }
    }

    @Override
    public int compareTo(OutboxCursor o) {
        int c = Long.compare(xid, o.xid);
        return c != 0 ? c : Long.compare(id, o.id);
    }

    /** {@code "xid:id"}, e.g. for a {@code sync_cursors} value; {@link #parse} reads it back. */
    @Override
    public String toString() {
        return xid + ":" + id;
    }

    public static OutboxCursor parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("an outbox cursor is 'xid:id', was '" + text + "'");
        }
        try {
            return new OutboxCursor(
                    Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("an outbox cursor is 'xid:id', was '" + text + "'", e);
        }
    }
}
