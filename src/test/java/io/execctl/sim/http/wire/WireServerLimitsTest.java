package io.execctl.sim.http.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Deadlines and size limits of the simulator's HTTP/1.1 layer, with small limits so the test is quick. */
class WireServerLimitsTest {
    WireServer server;

    @BeforeEach
    void start() throws IOException {
        WireLimits limits =
                new WireLimits(1024, 64, Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(500), 2);
        server = WireServer.start(
                "127.0.0.1",
                0,
                ex -> ex.respond(
                        200,
                        List.of(new WireExchange.Header("content-type", "text/plain")),
                        ex.request().body()),
                status -> new WireServer.WireReply("application/json", ("{\"s\":" + status + "}").getBytes()),
                limits,
                "wire-test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String readAll(Socket s) throws IOException {
        s.setSoTimeout(5000);
        InputStream in = s.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void slowlorisGets408WithinTheHeadDeadline() throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.1\r\nx-slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long t0 = System.nanoTime();
            String answer = readAll(s);
            assertThat(answer).startsWith("HTTP/1.1 408 ").endsWith("{\"s\":408}");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void oversizeBodyGets413() throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream()
                    .write("POST / HTTP/1.1\r\ncontent-length: 65\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readAll(s)).startsWith("HTTP/1.1 413 ").contains("connection: close");
        }
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            String big = "40\r\n" + "a".repeat(64) + "\r\n1\r\nb\r\n0\r\n\r\n";
            s.getOutputStream()
                    .write(("POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n" + big)
                            .getBytes(StandardCharsets.US_ASCII));
            assertThat(readAll(s)).startsWith("HTTP/1.1 413 ");
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedAndHttp10ClosesAfterOneAnswer() throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream()
                    .write("POST / HTTP/1.1\r\ncontent-length: 2\r\n\r\nhi".getBytes(StandardCharsets.US_ASCII));
            String all = readAll(s); // returns when the idle deadline closes the connection
            assertThat(all)
                    .startsWith("HTTP/1.1 200 OK\r\n")
                    .endsWith("\r\n\r\nhi")
                    .doesNotContain("connection: close");
        }
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readAll(s)).startsWith("HTTP/1.1 200 OK\r\n").contains("connection: close\r\n");
        }
    }

    @Test
    void expectContinueIsAnswered() throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write("POST / HTTP/1.1\r\nexpect: 100-continue\r\nconnection: close\r\ncontent-length: 3\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(5000);
            byte[] cont = s.getInputStream().readNBytes(25);
            assertThat(new String(cont, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            out.write("abc".getBytes(StandardCharsets.US_ASCII));
            assertThat(readAll(s)).startsWith("HTTP/1.1 200 OK").endsWith("abc");
        }
    }

    @Test
    void connectionsBeyondThePoolGet503() throws IOException {
        try (Socket a = new Socket("127.0.0.1", server.port());
                Socket b = new Socket("127.0.0.1", server.port());
                Socket c = new Socket("127.0.0.1", server.port())) {
            // a and b hold the two threads (idle); c is refused
            assertThat(readAll(c)).startsWith("HTTP/1.1 503 ");
        }
    }
}
