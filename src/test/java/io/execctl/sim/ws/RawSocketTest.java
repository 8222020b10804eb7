package io.execctl.sim.ws;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.execctl.sim.ws.TestNotices.APPROVAL_A;
import static io.execctl.sim.ws.TestNotices.HTS;
import static io.execctl.sim.ws.TestNotices.KEYS;
import static io.execctl.sim.ws.TestNotices.fill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The server as seen by a client written on a bare socket: the exact bytes of the protocol. */
class RawSocketTest {
    private SimWsServer server;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;

    record Frame(int b0, boolean masked, int lengthForm, byte[] payload) {
        int opcode() {
            return b0 & 0x0F;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    @AfterEach
    void tearDown() throws IOException {
        if (socket != null) {
            socket.close();
        }
        server.close();
    }

    private void open(WsOptions options) throws IOException {
        server = SimWsServer.start(options, KEYS);
        socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        out.write(("GET /tryitout HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        assertThat(head.toString())
                .startsWith("HTTP/1.1 101 ")
                .contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    private Frame readFrame() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7F;
        int form = (int) len;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] p = new byte[(int) len];
        in.readFully(p);
        return new Frame(b0, (b1 & 0x80) != 0, form, p);
    }

    private void send(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    @Test
    void serverFramesAreUnmaskedAndNoticesUseThe16BitLength() throws IOException {
        open(WsOptions.defaults(HTS, false));
        send(FrameCodecTest.clientFrame(
                true,
                Opcode.TEXT,
                WsTestClient.request(APPROVAL_A, "1", "H0STCNI0", HTS).getBytes(StandardCharsets.UTF_8),
                true));
        Frame ack = readFrame();
        assertThat(ack.b0()).isEqualTo(0x81);
        assertThat(ack.masked()).isFalse();
        assertThat(ack.text()).contains("OPSP0000");

        server.publish(fill(HTS, "0000000001", 5, 72000));
        Frame notice = readFrame();
        assertThat(notice.masked()).isFalse();
        assertThat(notice.lengthForm()).isEqualTo(126);
        assertThat(notice.text()).startsWith("1|H0STCNI0|001|");
    }

    @Test
    void anUnmaskedClientFrameIsAProtocolErrorClosedWith1002() throws IOException {
        open(WsOptions.defaults(HTS, false));
        send(FrameCodecTest.clientFrame(true, Opcode.TEXT, "hi".getBytes(StandardCharsets.UTF_8), false));
        Frame close = readFrame();
        assertThat(close.opcode()).isEqualTo(Opcode.CLOSE);
        assertThat(close.closeCode()).isEqualTo(1002);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(server.stats().protocolErrors()).isEqualTo(1);
    }

    @Test
    void clientInitiatedCloseIsEchoedAndTheConnectionEnds() throws IOException {
        open(WsOptions.defaults(HTS, false));
        send(FrameCodecTest.clientFrame(true, Opcode.CLOSE, new byte[] {0x03, (byte) 0xE9}, true)); // 1001
        Frame close = readFrame();
        assertThat(close.opcode()).isEqualTo(Opcode.CLOSE);
        assertThat(close.closeCode()).isEqualTo(1001);
        assertThat(in.read()).isEqualTo(-1);
        await().until(() -> server.sessionCount() == 0);
    }

    @Test
    void dropAllEndsTheConnectionWithoutACloseFrame() throws IOException {
        open(WsOptions.defaults(HTS, false));
        await().until(() -> server.sessionCount() == 1);
        server.dropAll();
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void aClientThatStopsReadingIsClosedWhenItsQueueOverflowsAndPublishNeverBlocks() throws IOException {
        open(WsOptions.defaults(HTS, false).withQueueCapacity(16).withPingInterval(Duration.ofMinutes(5)));
        socket.setReceiveBufferSize(4096);
        send(FrameCodecTest.clientFrame(
                true,
                Opcode.TEXT,
                WsTestClient.request(APPROVAL_A, "1", "H0STCNI0", HTS).getBytes(StandardCharsets.UTF_8),
                true));
        assertThat(readFrame().text()).contains("OPSP0000");
        // never read again: the socket buffers fill, then the 16-frame queue
        for (int i = 0; i < 500_000 && server.sessionCount() > 0; i++) {
            server.publish(fill(HTS, String.format("%010d", i), 1, 72000));
        }
        await().until(() -> server.sessionCount() == 0);
        assertThat(server.stats().overflowCloses()).isEqualTo(1);
    }
}
