package io.execctl.sim.http.wire;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket's input with a deadline for a whole phase (head, body, idle wait) rather than per read: a
 * client trickling one byte every few seconds (slowloris) never trips a per-read timeout but does trip
 * this. Buffered here, so that the deadline is armed once per socket read, not once per byte.
 */
final class DeadlineInput {
    private final Socket socket;
    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;
    private long deadlineNanos;

    DeadlineInput(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** The current phase must end within {@code millis} from now. */
    void deadlineIn(long millis) {
        deadlineNanos = System.nanoTime() + millis * 1_000_000L;
    }

    /** One byte, or -1 at end of stream. */
    int read() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    /** Up to {@code len} bytes, -1 at end of stream. */
    int read(byte[] b, int off, int len) throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    private boolean fill() throws IOException {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
            throw new SocketTimeoutException("phase deadline passed");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
