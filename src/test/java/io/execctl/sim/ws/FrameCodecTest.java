package io.execctl.sim.ws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Frame encoding (server side) and decoding (client frames) against hand-built bytes. */
class FrameCodecTest {
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    /** A client frame as RFC 6455 §5.2 lays it out, masked unless {@code masked} is false. */
    static byte[] clientFrame(boolean fin, int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write((fin ? 0x80 : 0) | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length <= 125) {
            b.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            b.write(maskBit | 126);
            b.write(payload.length >>> 8);
            b.write(payload.length & 0xFF);
        } else {
            b.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                b.write((int) (((long) payload.length >>> (8 * i)) & 0xFF));
            }
        }
        if (masked) {
            b.writeBytes(MASK);
            byte[] m = payload.clone();
            for (int i = 0; i < m.length; i++) {
                m[i] ^= MASK[i & 3];
            }
            b.writeBytes(m);
        } else {
            b.writeBytes(payload);
        }
        return b.toByteArray();
    }

    private static FrameReader reader(byte[]... frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            all.writeBytes(f);
        }
        return new FrameReader(new ByteArrayInputStream(all.toByteArray()), 64 * 1024);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writerUses7BitLengthsUpTo125() {
        byte[] f = FrameWriter.encode(Opcode.TEXT, new byte[125]);
        assertThat(f[0] & 0xFF).isEqualTo(0x81);
        assertThat(f[1] & 0xFF).isEqualTo(125);
        assertThat(f).hasSize(127);
    }

    @Test
    void writerUses16BitLengthsUpTo65535() {
        byte[] f = FrameWriter.encode(Opcode.TEXT, new byte[65535]);
        assertThat(f[1] & 0xFF).isEqualTo(126);
        assertThat(((f[2] & 0xFF) << 8) | (f[3] & 0xFF)).isEqualTo(65535);
        assertThat(f).hasSize(65535 + 4);
        assertThat(FrameWriter.encode(Opcode.TEXT, new byte[126])[1] & 0xFF).isEqualTo(126);
    }

    @Test
    void writerUses64BitLengthsBeyond() {
        byte[] f = FrameWriter.encode(Opcode.BINARY, new byte[70000]);
        assertThat(f[0] & 0xFF).isEqualTo(0x82);
        assertThat(f[1] & 0xFF).isEqualTo(127);
        long len = 0;
        for (int i = 2; i < 10; i++) {
            len = (len << 8) | (f[i] & 0xFF);
        }
        assertThat(len).isEqualTo(70000);
        assertThat(f).hasSize(70000 + 10);
    }

    @Test
    void closePayloadCarriesTheCodeAndAShortReason() {
        byte[] p = FrameWriter.closePayload(1002, "x".repeat(300));
        assertThat(((p[0] & 0xFF) << 8) | (p[1] & 0xFF)).isEqualTo(1002);
        assertThat(p.length).isLessThanOrEqualTo(125);
    }

    @Test
    void readerUnmasksAndReadsAllLengthForms() throws IOException {
        byte[] small = utf8("hello");
        byte[] medium = new byte[300];
        Arrays.fill(medium, (byte) 'm');
        byte[] big = new byte[40000];
        Arrays.fill(big, (byte) 'b');
        FrameReader r = new FrameReader(
                new ByteArrayInputStream(concat(
                        clientFrame(true, Opcode.TEXT, small, true),
                        clientFrame(true, Opcode.TEXT, medium, true),
                        clientFrame(true, Opcode.BINARY, big, true))),
                64 * 1024);
        assertThat(r.next().text()).isEqualTo("hello");
        assertThat(r.next().payload()).isEqualTo(medium);
        FrameReader.Message m = r.next();
        assertThat(m.opcode()).isEqualTo(Opcode.BINARY);
        assertThat(m.payload()).isEqualTo(big);
        assertThatThrownBy(r::next).isInstanceOf(EOFException.class);
    }

    @Test
    void fragmentsAreJoinedAndControlFramesInBetweenComeFirst() throws IOException {
        FrameReader r = reader(
                clientFrame(false, Opcode.TEXT, utf8("{\"head"), true),
                clientFrame(true, Opcode.PING, utf8("p"), true),
                clientFrame(false, Opcode.CONTINUATION, utf8("er\":"), true),
                clientFrame(true, Opcode.CONTINUATION, utf8("1}"), true));
        FrameReader.Message ping = r.next();
        assertThat(ping.opcode()).isEqualTo(Opcode.PING);
        assertThat(ping.text()).isEqualTo("p");
        FrameReader.Message text = r.next();
        assertThat(text.opcode()).isEqualTo(Opcode.TEXT);
        assertThat(text.text()).isEqualTo("{\"header\":1}");
    }

    @Test
    void multiByteCharacterSplitAcrossFragmentsIsValid() throws IOException {
        byte[] word = utf8("삼성");
        FrameReader r = reader(
                clientFrame(false, Opcode.TEXT, Arrays.copyOfRange(word, 0, 2), true),
                clientFrame(true, Opcode.CONTINUATION, Arrays.copyOfRange(word, 2, word.length), true));
        assertThat(r.next().text()).isEqualTo("삼성");
    }

    @Test
    void protocolViolationsCarryTheirCloseCodes() {
        assertCode(reader(clientFrame(true, Opcode.TEXT, utf8("x"), false)), Opcode.CLOSE_PROTOCOL_ERROR);
        assertCode(reader(clientFrame(true, Opcode.CONTINUATION, utf8("x"), true)), Opcode.CLOSE_PROTOCOL_ERROR);
        assertCode(reader(clientFrame(false, Opcode.PING, utf8("x"), true)), Opcode.CLOSE_PROTOCOL_ERROR);
        assertCode(reader(clientFrame(true, Opcode.PING, new byte[126], true)), Opcode.CLOSE_PROTOCOL_ERROR);
        assertCode(reader(clientFrame(true, 0x3, utf8("x"), true)), Opcode.CLOSE_PROTOCOL_ERROR);
        assertCode(
                reader(
                        clientFrame(false, Opcode.TEXT, utf8("a"), true),
                        clientFrame(true, Opcode.TEXT, utf8("b"), true)),
                Opcode.CLOSE_PROTOCOL_ERROR);
        byte[] rsv = clientFrame(true, Opcode.TEXT, utf8("x"), true);
        rsv[0] |= 0x40;
        assertCode(reader(rsv), Opcode.CLOSE_PROTOCOL_ERROR);
        assertCode(
                reader(clientFrame(true, Opcode.TEXT, new byte[] {(byte) 0xC3, 0x28}, true)),
                Opcode.CLOSE_INVALID_PAYLOAD);
        assertCode(
                new FrameReader(new ByteArrayInputStream(clientFrame(true, Opcode.TEXT, new byte[2000], true)), 1000),
                Opcode.CLOSE_TOO_BIG);
    }

    private static void assertCode(FrameReader r, int code) {
        assertThatThrownBy(r::next).isInstanceOfSatisfying(WsProtocolException.class, e -> assertThat(e.closeCode())
                .isEqualTo(code));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}
