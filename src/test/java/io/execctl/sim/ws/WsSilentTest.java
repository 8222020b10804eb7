package io.execctl.sim.ws;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.execctl.sim.ws.TestNotices.APPROVAL_A;
import static io.execctl.sim.ws.TestNotices.HTS;
import static io.execctl.sim.ws.TestNotices.KEYS;
import static io.execctl.sim.ws.TestNotices.fill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The half-open fault (ws_silent_after_s) seen on a bare socket: after it strikes, no notice, no
 * PINGPONG, no close frame and no answer to the client's close, until the client drops the socket.
 *
 * <p>Deterministic: the server's own PINGPONG timer is set to an hour, and the test runs each PINGPONG
 * round itself ({@code pingTick}) at the moment it chooses. With a live timer (1 s) it failed under load
 * twice: a PINGPONG already on the wire when the fault was set was read as "sent while silent", and a
 * slow client missed an echo during the subscription and was closed for it. Every send the test provokes
 * after the fault (three notices, two PINGPONG rounds, its close) is decided synchronously, so nothing
 * may arrive at all; the quiet windows only give a wrong implementation the time to show itself.
 */
class WsSilentTest {
    /** The server's own PINGPONG timer never fires during a test: the rounds are {@code server.pingTick()}. */
    private static final Duration NEVER = Duration.ofHours(1);
    /** How long the socket must stay quiet where nothing may arrive. */
    private static final Duration QUIET = Duration.ofSeconds(2);

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
        return readFrame().text();
    }

    private record Frame(int opcode, String text) {}

    private Frame readFrame() throws IOException {
        int opcode = in.readUnsignedByte() & 0x0F;
        int len = in.readUnsignedByte() & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
        }
        byte[] p = new byte[len];
        in.readFully(p);
        return new Frame(opcode, new String(p, StandardCharsets.UTF_8));
    }

    /**
     * Reads until the socket stays quiet for {@code quiet}: the frames that came meanwhile (a timeout
     * ends it; anything else, e.g. the server closing, fails).
     */
    private List<Frame> framesUntilQuiet(Duration quiet) throws IOException {
        socket.setSoTimeout((int) quiet.toMillis());
        List<Frame> frames = new ArrayList<>();
        while (true) {
            try {
                frames.add(readFrame());
            } catch (SocketTimeoutException e) {
                return frames;
            }
        }
    }

    @Test
    void aHalfOpenSessionSendsNothingAndNeverClosesUntilTheClientGivesUp() throws IOException {
        server = SimWsServer.start(WsOptions.defaults(HTS, false).withPingInterval(NEVER), KEYS);
        connectAndSubscribe();
        // silent from the first check on (any time since the handshake is enough)
        server.setFaults(new WsFaults(0, 0, 0, 0, 0, Double.MIN_VALUE));

        for (int i = 1; i <= 3; i++) {
            server.publish(fill(HTS, String.format("%010d", i), 1, 72000));
        }
        // two PINGPONG rounds: a live session would send a PINGPONG, then close for the missing echo
        server.pingTick();
        server.pingTick();
        assertThat(framesUntilQuiet(QUIET)).as("frames after the fault").isEmpty();
        assertThat(server.sessionCount()).isEqualTo(1);
        assertThat(server.stats().noticesPublished()).isEqualTo(3);
        assertThat(server.stats().noticeFramesSent()).isZero();
        assertThat(server.stats().pingTimeouts()).isZero();

        // the client's close goes unanswered as well
        send(Opcode.CLOSE, new byte[] {0x03, (byte) 0xE8});
        assertThat(framesUntilQuiet(QUIET))
                .as("frames after the client's close")
                .isEmpty();
        assertThat(server.sessionCount()).isEqualTo(1);

        // the client gives up: the session ends, and the faults being lifted serve a new connection normally
        socket.close();
        await().until(() -> server.sessionCount() == 0);
        server.setFaults(WsFaults.NONE);
        connectAndSubscribe();
        server.publish(fill(HTS, "0000000004", 1, 72000));
        assertThat(readText()).startsWith("1|H0STCNI0|001|");
    }

    @Test
    void withoutTheFaultTheSameRoundsSendAPingpongThenClose() throws IOException {
        server = SimWsServer.start(WsOptions.defaults(HTS, false).withPingInterval(NEVER), KEYS);
        connectAndSubscribe();
        server.pingTick();
        assertThat(readFrame().text()).contains("PINGPONG");
        server.pingTick(); // not echoed
        Frame close = readFrame();
        assertThat(close.opcode()).isEqualTo(Opcode.CLOSE);
        assertThat(server.stats().pingTimeouts()).isEqualTo(1);
    }
}
