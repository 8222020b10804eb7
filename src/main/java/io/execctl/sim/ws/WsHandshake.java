package io.execctl.sim.ws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The server side of the RFC 6455 opening handshake: reads the client's HTTP/1.1 upgrade request and
 * decides the answer ({@code 101 Switching Protocols}, or a plain HTTP error). KIS serves the notice
 * stream on the bare host:port and on {@code /tryitout} (the official samples use both); public clients
 * also append the TR id ({@code /tryitout/H0STCNT0}), so that form is accepted too. Anything else is 404.
 */
public final class WsHandshake {
    /** RFC 6455 §1.3: the GUID appended to the client's key before hashing. */
    static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private WsHandshake() {}

    /** The parsed request line and headers (header names lower-cased). */
    public record Request(String method, String target, String version, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }
    }

    /** What to answer: the raw HTTP response bytes, and whether the connection becomes a WebSocket. */
    public record Outcome(boolean upgraded, int status, String response) {
        public byte[] bytes() {
            return response.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** {@code base64(SHA-1(key + GUID))}, the value of {@code Sec-WebSocket-Accept}. */
    public static String acceptKey(String clientKey) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((clientKey.trim() + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }

    /**
     * Reads the request head (up to the empty line). Throws {@link IOException} on end of stream or a
     * head larger than 16 KiB.
     */
    public static Request read(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        String requestLine = null;
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the WebSocket handshake");
            }
            if (++total > MAX_HEADER_BYTES) {
                throw new IOException("handshake request head larger than " + MAX_HEADER_BYTES + " bytes");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                if (prev == '\r' && text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                line.reset();
                if (text.isEmpty()) {
                    if (requestLine == null) {
                        continue; // tolerate leading empty lines (RFC 7230 §3.5)
                    }
                    break;
                }
                if (requestLine == null) {
                    requestLine = text;
                } else {
                    int colon = text.indexOf(':');
                    if (colon > 0) {
                        String name = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                        String value = text.substring(colon + 1).trim();
                        headers.merge(name, value, (a, c) -> a + ", " + c);
                    }
                }
            } else {
                line.write(b);
            }
            prev = b;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3) {
            return new Request("", "", "", headers);
        }
        return new Request(parts[0], parts[1], parts[2], headers);
    }

    /** Whether the simulated server serves a WebSocket on this path. */
    public static boolean servesPath(String path) {
        return path.equals("/") || path.equals("/tryitout") || path.startsWith("/tryitout/");
    }

    /** Decides the answer to a parsed request. */
    public static Outcome answer(Request req) {
        if (req.method().isEmpty() || !req.version().startsWith("HTTP/1.")) {
            return error(400, "Bad Request", "malformed request line");
        }
        if (!servesPath(req.path())) {
            return error(404, "Not Found", "no WebSocket service at " + req.path());
        }
        if (!req.method().equals("GET")) {
            return error(405, "Method Not Allowed", "WebSocket handshake must be a GET");
        }
        String upgrade = req.header("upgrade");
        String connection = req.header("connection");
        if (upgrade == null
                || !hasToken(upgrade, "websocket")
                || connection == null
                || !hasToken(connection, "upgrade")) {
            return error(426, "Upgrade Required", "expected Upgrade: websocket and Connection: Upgrade");
        }
        String version = req.header("sec-websocket-version");
        if (version == null || !hasToken(version, "13")) {
            return new Outcome(
                    false,
                    426,
                    "HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\n"
                            + "Content-Length: 0\r\nConnection: close\r\n\r\n");
        }
        String key = req.header("sec-websocket-key");
        if (key == null || !isValidKey(key)) {
            return error(400, "Bad Request", "Sec-WebSocket-Key must be base64 of 16 bytes");
        }
        return new Outcome(
                true,
                101,
                "HTTP/1.1 101 Switching Protocols\r\n"
                        + "Upgrade: websocket\r\n"
                        + "Connection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + acceptKey(key) + "\r\n\r\n");
    }

    private static boolean isValidKey(String key) {
        try {
            return Base64.getDecoder().decode(key.trim()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean hasToken(String headerValue, String token) {
        for (String t : headerValue.split(",")) {
            if (t.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private static Outcome error(int status, String reason, String text) {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        return new Outcome(
                false,
                status,
                "HTTP/1.1 " + status + " " + reason + "\r\n"
                        + "Content-Type: text/plain; charset=utf-8\r\n"
                        + "Content-Length: " + body.length + "\r\n"
                        + "Connection: close\r\n\r\n" + new String(body, StandardCharsets.ISO_8859_1));
    }
}
