package io.execctl.sim.http.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.1 request (head, then a Content-Length or chunked body) within {@link WireLimits}.
 * Anything malformed is a {@link WireException} with the status to answer before closing.
 */
final class RequestReader {
    private static final int MAX_HEADERS = 100;

    private final DeadlineInput in;
    private final OutputStream out;
    private final WireLimits limits;

    RequestReader(DeadlineInput in, OutputStream out, WireLimits limits) {
        this.in = in;
        this.out = out;
        this.limits = limits;
    }

    /** Reads a request whose first byte {@code first} was already read. */
    WireRequest read(int first) throws IOException, WireException {
        in.deadlineIn(limits.headTimeout().toMillis());
        int[] budget = {limits.maxHeadBytes()};
        String line = line(first, budget);
        while (line.isEmpty()) { // RFC 9112 §2.2: ignore empty lines before the request line
            line = line(-2, budget);
        }
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !parts[0].chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new WireException(400, "bad request line");
        }
        String version = parts[2];
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new WireException(505, "unsupported version");
        }
        String target = new String(parts[1].getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        if (!target.startsWith("/")) {
            throw new WireException(400, "bad target");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int count = 0;
        while (true) {
            String h = line(-2, budget);
            if (h.isEmpty()) {
                break;
            }
            if (++count > MAX_HEADERS) {
                throw new WireException(431, "too many headers");
            }
            int colon = h.indexOf(':');
            if (colon <= 0 || h.charAt(0) == ' ' || h.charAt(0) == '\t' || h.charAt(colon - 1) == ' ') {
                throw new WireException(400, "bad header line");
            }
            String name = h.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).strip();
            if (headers.containsKey(name) && (name.equals("content-length") || name.equals("host"))) {
                if (!headers.get(name).equals(value)) {
                    throw new WireException(400, "conflicting " + name);
                }
            }
            headers.putIfAbsent(name, value);
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        byte[] body = body(headers);
        return new WireRequest(parts[0], path, query, version, headers, body);
    }

    private byte[] body(Map<String, String> headers) throws IOException, WireException {
        String te = headers.get("transfer-encoding");
        String cl = headers.get("content-length");
        if (te != null && cl != null) {
            throw new WireException(400, "both Transfer-Encoding and Content-Length");
        }
        if (te != null && !te.equalsIgnoreCase("chunked")) {
            throw new WireException(501, "unsupported transfer coding");
        }
        if (te == null && cl == null) {
            return new byte[0];
        }
        long length = -1;
        if (cl != null) {
            if (!cl.matches("\\d{1,12}")) {
                throw new WireException(400, "bad Content-Length");
            }
            length = Long.parseLong(cl);
            if (length > limits.maxBodyBytes()) {
                throw new WireException(413, "body too large");
            }
        }
        if ("100-continue".equalsIgnoreCase(headers.get("expect")) && length != 0) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        in.deadlineIn(limits.bodyTimeout().toMillis());
        return length >= 0 ? exactly((int) length) : chunked();
    }

    private byte[] exactly(int length) throws IOException, WireException {
        byte[] b = new byte[length];
        int off = 0;
        while (off < length) {
            int n = in.read(b, off, length - off);
            if (n < 0) {
                throw new WireException(400, "body shorter than Content-Length");
            }
            off += n;
        }
        return b;
    }

    private byte[] chunked() throws IOException, WireException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int[] budget = {limits.maxHeadBytes()};
        while (true) {
            String sizeLine = line(-2, budget);
            int semi = sizeLine.indexOf(';');
            String hex = (semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip();
            if (!hex.matches("[0-9a-fA-F]{1,8}")) {
                throw new WireException(400, "bad chunk size");
            }
            long size = Long.parseLong(hex, 16);
            if (size == 0) {
                break;
            }
            if (body.size() + size > limits.maxBodyBytes()) {
                throw new WireException(413, "body too large");
            }
            body.write(exactly((int) size));
            if (!line(-2, budget).isEmpty()) {
                throw new WireException(400, "chunk not followed by CRLF");
            }
        }
        while (!line(-2, budget).isEmpty()) {
            // trailer fields are read and ignored
        }
        return body.toByteArray();
    }

    /**
     * One line without its CRLF (a bare LF is accepted). {@code first} is an already-read byte, or -2.
     * Counts against {@code budget} (head bytes left).
     */
    private String line(int first, int[] budget) throws IOException, WireException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        int c = first == -2 ? in.read() : first;
        while (true) {
            if (c < 0) {
                throw new WireException(400, "connection closed mid-request");
            }
            if (--budget[0] < 0) {
                throw new WireException(431, "request head too large");
            }
            if (c == '\n') {
                break;
            }
            b.write(c);
            c = in.read();
        }
        byte[] bytes = b.toByteArray();
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\r') {
            len--;
        }
        for (int i = 0; i < len; i++) {
            if (bytes[i] == 0 || bytes[i] == '\r') {
                throw new WireException(400, "control character in head");
            }
        }
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
    }
}
