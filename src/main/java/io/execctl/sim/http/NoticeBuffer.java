package io.execctl.sim.http;

import io.execctl.sim.ws.ExecutionNotice;
import io.execctl.sim.ws.NoticeFeed;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The NoticeFeed the broker is built with. While a REST request is being handled on a thread, notices
 * the broker emits on that thread are held back and released after the HTTP response was written (or,
 * with the {@code notice_before_response_rate} fault, before it), so that the order of "response, then
 * notice" is a decision of the simulator and not an accident of scheduling. Notices emitted outside a
 * request (fills while the session clock advances) pass straight through.
 */
public final class NoticeBuffer implements NoticeFeed {
    private final ThreadLocal<List<ExecutionNotice>> held = new ThreadLocal<>();
    private volatile NoticeFeed downstream;

    public NoticeBuffer(NoticeFeed downstream) {
        this.downstream = Objects.requireNonNull(downstream, "downstream");
    }

    /** Where notices go (the WebSocket server); may be set after the broker was built. */
    public void setDownstream(NoticeFeed downstream) {
        this.downstream = Objects.requireNonNull(downstream, "downstream");
    }

    @Override
    public void publish(ExecutionNotice notice) {
        List<ExecutionNotice> buf = held.get();
        if (buf != null) {
            buf.add(notice);
        } else {
            downstream.publish(notice);
        }
    }

    /** Starts holding this thread's notices. */
    public void hold() {
        held.set(new ArrayList<>());
    }

    /** Publishes what this thread held so far, keeps holding. */
    public void release() {
        List<ExecutionNotice> buf = held.get();
        if (buf == null) {
            return;
        }
        List<ExecutionNotice> copy = List.copyOf(buf);
        buf.clear();
        copy.forEach(downstream::publish);
    }

    /** Publishes what this thread held and stops holding. */
    public void releaseAndStop() {
        release();
        held.remove();
    }
}
