package io.execctl.sim.http.wire;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket's input with a deadline for a whole phase (head, body, idle wait) rather than per read: a
 * client trickling one byte every few seconds (slowloris) never trips a per-read timeout but does trip this.
 */
final class DeadlineInput {
    private final Socket socket;
    private final InputStream in;
    private long deadlineNanos;

    DeadlineInput(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 8192);
    }

    /** The current phase must end within {@code millis} from now. */
    void deadlineIn(long millis) {
        deadlineNanos = System.nanoTime() + millis * 1_000_000L;
    }

    /** One byte, or -1 at end of stream. */
    int read() throws IOException {
        arm();
        return in.read();
    }

    /** Up to {@code len} bytes, -1 at end of stream. */
    int read(byte[] buf, int off, int len) throws IOException {
        arm();
        return in.read(buf, off, len);
    }

    private void arm() throws IOException {
        if (in.available() > 0) {
            return;
        }
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
            throw new SocketTimeoutException("phase deadline passed");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    }
}
