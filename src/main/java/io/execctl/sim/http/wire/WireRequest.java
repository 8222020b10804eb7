package io.execctl.sim.http.wire;

import java.util.Locale;
import java.util.Map;

/**
 * One parsed HTTP/1.1 request.
 *
 * @param method   as sent ({@code GET}, {@code POST}, {@code HEAD}, …)
 * @param path     the target before {@code ?}, still percent-encoded
 * @param rawQuery the target after {@code ?}, or null when there is none
 * @param headers  header names lowercased; the first value of a repeated header
 * @param body     de-chunked body, empty when none
 */
public record WireRequest(
        String method, String path, String rawQuery, String version, Map<String, String> headers, byte[] body) {

    public WireRequest {
        headers = Map.copyOf(headers);
    }

    /** A header's value, "" when absent (names are matched case-insensitively, as HTTP has them). */
    public String header(String name) {
        String v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null ? "" : v;
    }

    public boolean hasHeader(String name) {
        return headers.containsKey(name.toLowerCase(Locale.ROOT));
    }
}
