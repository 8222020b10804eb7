package io.execctl.sim.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One TCP connection speaking HTTP/1.1 by hand: what goes out and comes back is exactly the bytes. */
final class RawHttp implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    final OutputStream out;

    RawHttp(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(20_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response as raw text: the status line, the header lines exactly as sent, the body. */
    record Raw(String statusLine, List<String> headerLines, String body) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        /** The value of the header line whose name is exactly {@code name} (case-sensitive), or null. */
        String exact(String name) {
            for (String l : headerLines) {
                int c = l.indexOf(':');
                if (l.substring(0, c).equals(name)) {
                    return l.substring(c + 1).strip();
                }
            }
            return null;
        }
    }

    RawHttp send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    RawHttp send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one response (Content-Length framed, as the simulator always sends); {@code head} = HEAD request. */
    Raw read(boolean head) {
        try {
            String status = line();
            List<String> headers = new ArrayList<>();
            int length = 0;
            for (String l = line(); !l.isEmpty(); l = line()) {
                headers.add(l);
                if (l.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(l.substring(15).strip());
                }
            }
            byte[] body = head ? new byte[0] : in.readNBytes(length);
            return new Raw(status, headers, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Raw read() {
        return read(false);
    }

    /** True when the server closed the connection (EOF before any further byte). */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.write(c);
        }
        if (c < 0 && b.size() == 0) {
            throw new IOException("connection closed");
        }
        String s = b.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // test cleanup
        }
    }
}
