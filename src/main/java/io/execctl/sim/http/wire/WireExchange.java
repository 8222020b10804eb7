package io.execctl.sim.http.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request and its single answer. Header names are written exactly as given (KIS sends them lowercase:
 * {@code tr_id}, {@code tr_cont}, {@code gt_uid}, {@code content-type}); the transport adds only
 * {@code content-length} and, when it closes, {@code connection: close}, in lowercase too.
 */
public final class WireExchange {
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(100, "Continue"),
            Map.entry(200, "OK"),
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"),
            Map.entry(408, "Request Timeout"),
            Map.entry(413, "Payload Too Large"),
            Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"),
            Map.entry(505, "HTTP Version Not Supported"));

    /** A response header, name as it goes on the wire. */
    public record Header(String name, String value) {
        public Header {
            if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c == ':' || c > '~')) {
                throw new IllegalArgumentException("bad header name");
            }
            if (value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw new IllegalArgumentException("bad header value");
            }
        }
    }

    private final WireRequest request;
    private final OutputStream out;
    private final boolean keepAlive;
    private boolean answered;
    private boolean dropped;

    WireExchange(WireRequest request, OutputStream out, boolean keepAlive) {
        this.request = request;
        this.out = out;
        this.keepAlive = keepAlive;
    }

    public WireRequest request() {
        return request;
    }

    /**
     * Writes the answer (once; a second call is ignored). A HEAD request gets the head only.
     *
     * @throws IOException when the client is gone
     */
    public synchronized void respond(int status, List<Header> headers, byte[] body) throws IOException {
        if (answered || dropped) {
            return;
        }
        answered = true;
        out.write(head(status, headers, body.length, keepAlive));
        if (!request.method().equals("HEAD")) {
            out.write(body);
        }
        out.flush();
    }

    /** Closes the connection without any answer (the client sees a reset or EOF). */
    public synchronized void drop() {
        if (!answered) {
            dropped = true;
        }
    }

    synchronized boolean answered() {
        return answered;
    }

    synchronized boolean dropped() {
        return dropped;
    }

    boolean keepAlive() {
        return keepAlive;
    }

    static byte[] head(int status, List<Header> headers, int contentLength, boolean keepAlive) {
        StringBuilder b = new StringBuilder(256);
        b.append("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(REASONS.getOrDefault(status, "Status"))
                .append("\r\n");
        for (Header h : headers) {
            String n = h.name().toLowerCase(Locale.ROOT);
            if (n.equals("content-length") || n.equals("connection") || n.equals("transfer-encoding")) {
                continue;
            }
            b.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        b.append("content-length: ").append(contentLength).append("\r\n");
        if (!keepAlive) {
            b.append("connection: close\r\n");
        }
        b.append("\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
