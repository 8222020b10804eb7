package io.execctl.sim.ws;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads client frames (RFC 6455 §5) from a connection and reassembles fragmented messages. Clients
 * must mask every frame (§5.1); control frames may arrive between the fragments of a message
 * (§5.4) and are returned at once. Any violation throws {@link WsProtocolException} with the close code
 * to answer with. Not thread-safe: one reader thread per session.
 */
public final class FrameReader {
    /** One frame as read from the wire, payload already unmasked. */
    public record Frame(boolean fin, int opcode, byte[] payload) {}

    /** A complete data message (TEXT/BINARY, fragments joined) or a single control frame. */
    public record Message(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public boolean isData() {
            return opcode == Opcode.TEXT || opcode == Opcode.BINARY;
        }
    }

    private final DataInputStream in;
    private final int maxMessageBytes;
    private int fragmentOpcode = -1;
    private final ByteArrayOutputStream fragments = new ByteArrayOutputStream();

    public FrameReader(InputStream in, int maxMessageBytes) {
        this.in = new DataInputStream(in);
        this.maxMessageBytes = maxMessageBytes;
    }

    /** The next complete message or control frame; {@link EOFException} when the peer closed the stream. */
    public Message next() throws IOException {
        while (true) {
            Frame f = readFrame();
            if (Opcode.isControl(f.opcode())) {
                return new Message(f.opcode(), f.payload());
            }
            if (f.opcode() == Opcode.CONTINUATION) {
                if (fragmentOpcode < 0) {
                    throw new WsProtocolException(
                            Opcode.CLOSE_PROTOCOL_ERROR, "continuation frame without a message to continue");
                }
                append(f.payload());
                if (f.fin()) {
                    byte[] whole = fragments.toByteArray();
                    int op = fragmentOpcode;
                    fragments.reset();
                    fragmentOpcode = -1;
                    return complete(op, whole);
                }
                continue;
            }
            // TEXT or BINARY starting a message
            if (fragmentOpcode >= 0) {
                throw new WsProtocolException(
                        Opcode.CLOSE_PROTOCOL_ERROR, "new data frame inside a fragmented message");
            }
            if (f.fin()) {
                return complete(f.opcode(), f.payload());
            }
            fragmentOpcode = f.opcode();
            fragments.reset();
            append(f.payload());
        }
    }

    private void append(byte[] payload) throws WsProtocolException {
        if ((long) fragments.size() + payload.length > maxMessageBytes) {
            throw new WsProtocolException(Opcode.CLOSE_TOO_BIG, "message larger than " + maxMessageBytes + " bytes");
        }
        fragments.write(payload, 0, payload.length);
    }

    private static Message complete(int opcode, byte[] payload) throws WsProtocolException {
        if (opcode == Opcode.TEXT && !isValidUtf8(payload)) {
            throw new WsProtocolException(Opcode.CLOSE_INVALID_PAYLOAD, "text message is not valid UTF-8");
        }
        return new Message(opcode, payload);
    }

    /** Reads one frame; {@link EOFException} at end of stream. */
    public Frame readFrame() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            throw new EOFException("peer closed the connection");
        }
        int b1 = in.readUnsignedByte();
        boolean fin = (b0 & 0x80) != 0;
        if ((b0 & 0x70) != 0) {
            throw new WsProtocolException(
                    Opcode.CLOSE_PROTOCOL_ERROR, "reserved bits set without a negotiated extension");
        }
        int opcode = b0 & 0x0F;
        if (!Opcode.isKnown(opcode)) {
            throw new WsProtocolException(
                    Opcode.CLOSE_PROTOCOL_ERROR, "unknown opcode 0x" + Integer.toHexString(opcode));
        }
        boolean masked = (b1 & 0x80) != 0;
        if (!masked) {
            throw new WsProtocolException(Opcode.CLOSE_PROTOCOL_ERROR, "client frames must be masked");
        }
        long len = b1 & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
            if (len < 0) {
                throw new WsProtocolException(Opcode.CLOSE_PROTOCOL_ERROR, "64-bit length with the high bit set");
            }
        }
        if (Opcode.isControl(opcode)) {
            if (!fin) {
                throw new WsProtocolException(Opcode.CLOSE_PROTOCOL_ERROR, "fragmented control frame");
            }
            if (len > 125) {
                throw new WsProtocolException(Opcode.CLOSE_PROTOCOL_ERROR, "control frame payload over 125 bytes");
            }
        }
        if (len > maxMessageBytes) {
            throw new WsProtocolException(Opcode.CLOSE_TOO_BIG, "frame larger than " + maxMessageBytes + " bytes");
        }
        byte[] mask = new byte[4];
        in.readFully(mask);
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i & 3];
        }
        return new Frame(fin, opcode, payload);
    }

    static boolean isValidUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
