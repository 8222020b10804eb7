package io.execctl.sim.ws;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.execctl.sim.ws.TestNotices.APPROVAL_A;
import static io.execctl.sim.ws.TestNotices.HTS;
import static io.execctl.sim.ws.TestNotices.KEYS;
import static io.execctl.sim.ws.TestNotices.fill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The half-open fault (ws_silent_after_s) seen on a bare socket: after it strikes, no notice, no
 * PINGPONG, no close frame and no answer to the client's close, until the client drops the socket.
 */
class WsSilentTest {
    private static final Duration PING = Duration.ofSeconds(1);
    private SimWsServer server;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;

    @AfterEach
    void tearDown() throws IOException {
        if (socket != null) {
            socket.close();
        }
        server.close();
    }

    private void connectAndSubscribe() throws IOException {
        socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101 ");
        send(Opcode.TEXT, WsTestClient.request(APPROVAL_A, "1", "H0STCNI0", HTS).getBytes(StandardCharsets.UTF_8));
        assertThat(readSkippingPingpong()).contains("OPSP0000");
    }

    private void send(int opcode, byte[] payload) throws IOException {
        out.write(FrameCodecTest.clientFrame(true, opcode, payload, true));
        out.flush();
    }

    /** The next frame that is not a PINGPONG; PINGPONGs are echoed, as a live client does. */
    private String readSkippingPingpong() throws IOException {
        String t = readText();
        while (t.contains("PINGPONG")) {
            send(Opcode.TEXT, t.getBytes(StandardCharsets.UTF_8));
            t = readText();
        }
        return t;
    }

    private String readText() throws IOException {
        in.readUnsignedByte();
        int len = in.readUnsignedByte() & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
        }
        byte[] p = new byte[len];
        in.readFully(p);
        return new String(p, StandardCharsets.UTF_8);
    }

    @Test
    void aHalfOpenSessionSendsNothingAndNeverClosesUntilTheClientGivesUp() throws IOException {
        server = SimWsServer.start(WsOptions.defaults(HTS, false).withPingInterval(PING), KEYS);
        connectAndSubscribe();
        server.setFaults(new WsFaults(0, 0, 0, 0, 0, 0.001));

        for (int i = 1; i <= 3; i++) {
            server.publish(fill(HTS, String.format("%010d", i), 1, 72000));
        }
        // Four PINGPONG intervals: a live session would have had PINGPONGs, then a close for the missing echo.
        socket.setSoTimeout((int) PING.multipliedBy(4).toMillis());
        assertThatThrownBy(() -> in.read()).isInstanceOf(SocketTimeoutException.class);
        assertThat(server.sessionCount()).isEqualTo(1);
        assertThat(server.stats().noticesPublished()).isEqualTo(3);
        assertThat(server.stats().pingTimeouts()).isZero();

        // the client's close goes unanswered as well
        send(Opcode.CLOSE, new byte[] {0x03, (byte) 0xE8});
        socket.setSoTimeout((int) PING.multipliedBy(2).toMillis());
        assertThatThrownBy(() -> in.read()).isInstanceOf(SocketTimeoutException.class);
        assertThat(server.sessionCount()).isEqualTo(1);

        // the client gives up: the session ends, and the faults being lifted serve a new connection normally
        socket.close();
        await().until(() -> server.sessionCount() == 0);
        server.setFaults(WsFaults.NONE);
        connectAndSubscribe();
        server.publish(fill(HTS, "0000000004", 1, 72000));
        assertThat(readSkippingPingpong()).startsWith("1|H0STCNI0|001|");
    }

    @Test
    void withoutTheFaultTheSameSilenceEndsInPingpongs() throws IOException {
        server = SimWsServer.start(WsOptions.defaults(HTS, false).withPingInterval(PING), KEYS);
        connectAndSubscribe();
        socket.setSoTimeout((int) PING.multipliedBy(4).toMillis());
        assertThat(readText()).contains("PINGPONG");
    }
}
