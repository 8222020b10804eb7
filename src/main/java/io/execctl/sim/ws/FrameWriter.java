package io.execctl.sim.ws;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes server frames (RFC 6455 §5.2): always FIN, never masked (§5.1: a server must not mask),
 * with the 7-bit, 16-bit or 64-bit length form as the payload needs. The caller flushes. Not
 * thread-safe: only the session's writer thread uses it.
 */
public final class FrameWriter {
    private final OutputStream out;
    private final byte[] header = new byte[10];

    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    public void text(String text) throws IOException {
        write(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A close frame with a status code and a short reason (truncated to fit 125 bytes). */
    public void close(int code, String reason) throws IOException {
        write(Opcode.CLOSE, closePayload(code, reason));
    }

    public void write(int opcode, byte[] payload) throws IOException {
        int n = encodeHeader(opcode, payload.length, header);
        out.write(header, 0, n);
        out.write(payload);
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** Writes the frame header into {@code dst} (at least 10 bytes) and returns its length. */
    static int encodeHeader(int opcode, long length, byte[] dst) {
        dst[0] = (byte) (0x80 | (opcode & 0x0F));
        if (length <= 125) {
            dst[1] = (byte) length;
            return 2;
        }
        if (length <= 0xFFFF) {
            dst[1] = 126;
            dst[2] = (byte) (length >>> 8);
            dst[3] = (byte) length;
            return 4;
        }
        dst[1] = 127;
        for (int i = 0; i < 8; i++) {
            dst[2 + i] = (byte) (length >>> (56 - 8 * i));
        }
        return 10;
    }

    /** The whole frame as bytes (tests, and frames built once and sent to many sessions). */
    public static byte[] encode(int opcode, byte[] payload) {
        byte[] h = new byte[10];
        int n = encodeHeader(opcode, payload.length, h);
        return ByteBuffer.allocate(n + payload.length).put(h, 0, n).put(payload).array();
    }

    static byte[] closePayload(int code, String reason) {
        byte[] r = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        int len = Math.min(r.length, 123);
        // do not cut a multi-byte character in half
        while (len > 0 && len < r.length && (r[len] & 0xC0) == 0x80) {
            len--;
        }
        byte[] p = new byte[2 + len];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, len);
        return p;
    }
}
