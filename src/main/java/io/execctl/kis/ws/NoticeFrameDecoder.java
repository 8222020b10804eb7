package io.execctl.kis.ws;

import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.Secret;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Turns one text frame into a {@link DecodedFrame} (REFERENCE.md §9.2–9.3):
 * <ul>
 *   <li>{@code {…}} → a {@link ControlMessage};</li>
 *   <li>{@code <flag>|<tr_id>|<count>|<payload>} → {@code count} records; flag {@code 1} = AES
 *       encrypted with the key/iv of this connection's subscription ack, {@code 0} = plain;
 *       the {@code ^}-separated fields are split into records of {@code total / count} fields,
 *       which must be 26 or 23;</li>
 *   <li>anything else → {@link DecodedFrame.Unusable}.</li>
 * </ul>
 * Every record is stamped with its {@link NoticeReceipt}: this decoder's connection id, the index of
 * the frame among all text frames given to this decoder (0-based) and the record's index in it.
 * One decoder per connection (the key/iv belong to the subscription); it is <b>not thread-safe</b>
 * (it reuses one {@link NoticeCipher}). No regular expressions on the hot path.
 */
public final class NoticeFrameDecoder {
    private final String trId;
    private final String connectionId;
    private final NoticeRecordParser parser = new NoticeRecordParser();
    private NoticeCipher cipher;
    /** Index of the next frame {@link #decode} is given: every text frame of the connection counts. */
    private long nextFrame;

    /** A decoder with a fresh random connection id (tests, benchmarks, one-off decoding). */
    public NoticeFrameDecoder(String trId) {
        this(trId, newConnectionId());
    }

    /**
     * @param trId         the notice TR id subscribed on this connection ({@code H0STCNI0} / {@code H0STCNI9})
     * @param connectionId the connection's id in every {@link NoticeReceipt}: unique across reconnects
     *                     and process restarts ({@link #newConnectionId()})
     */
    public NoticeFrameDecoder(String trId, String connectionId) {
        this.trId = Objects.requireNonNull(trId, "trId");
        this.connectionId = Objects.requireNonNull(connectionId, "connectionId");
        new NoticeReceipt(connectionId, 0, 0); // validates the id's form once, here
    }

    /**
     * A new connection id: a random UUID, so no two connections — of this process, of a restarted
     * one, of another host — ever share one, and so no two receipts collide.
     */
    public static String newConnectionId() {
        return UUID.randomUUID().toString();
    }

    public String connectionId() {
        return connectionId;
    }

    public String trId() {
        return trId;
    }

    /** Installs the key/iv from a subscription ack; throws {@link IllegalArgumentException} if their lengths are wrong. */
    public void setKey(Secret key, Secret iv) {
        this.cipher = NoticeCipher.of(key, iv);
    }

    public boolean hasKey() {
        return cipher != null;
    }

    /**
     * Decodes a frame.
     *
     * @param receivedAt  when it arrived (kept on every event)
     * @param tradingDate the Korean date the notices' {@code HHmmss} times belong to
     */
    public DecodedFrame decode(String raw, Instant receivedAt, LocalDate tradingDate) {
        long frameIndex = nextFrame++;
        if (raw == null || raw.isEmpty()) {
            return new DecodedFrame.Unusable(FrameOutcome.CORRUPT, "empty frame");
        }
        char first = raw.charAt(0);
        if (first == '{') {
            try {
                return new DecodedFrame.Control(ControlMessage.parse(raw));
            } catch (IllegalArgumentException e) {
                return new DecodedFrame.Unusable(FrameOutcome.CORRUPT, e.getMessage());
            }
        }
        if (first != '0' && first != '1') {
            return new DecodedFrame.Unusable(
                    FrameOutcome.CORRUPT, "neither a JSON control frame nor a 0|/1| data frame");
        }
        int p1 = raw.indexOf('|');
        int p2 = p1 < 0 ? -1 : raw.indexOf('|', p1 + 1);
        int p3 = p2 < 0 ? -1 : raw.indexOf('|', p2 + 1);
        if (p1 != 1 || p2 < 0 || p3 < 0) {
            return new DecodedFrame.Unusable(FrameOutcome.CORRUPT, "data frame does not have 4 '|'-separated parts");
        }
        boolean encrypted = first == '1';
        String frameTr = raw.substring(p1 + 1, p2);
        if (!frameTr.equals(trId)) {
            return new DecodedFrame.Unusable(
                    FrameOutcome.UNKNOWN_TR, "data frame for tr_id '" + printable(frameTr) + "', subscribed " + trId);
        }
        int count = count(raw, p2 + 1, p3);
        if (count <= 0) {
            return new DecodedFrame.Unusable(
                    FrameOutcome.CORRUPT,
                    "record count '" + printable(raw.substring(p2 + 1, p3)) + "' is not a positive number");
        }
        String payload = raw.substring(p3 + 1);
        String text;
        if (encrypted) {
            if (cipher == null) {
                return new DecodedFrame.Unusable(
                        FrameOutcome.NO_KEY, "encrypted notice before the subscription ack gave a key/iv");
            }
            try {
                text = cipher.decrypt(payload);
            } catch (NoticeCipher.UndecryptableException e) {
                return new DecodedFrame.Unusable(FrameOutcome.UNDECRYPTABLE, e.getMessage());
            }
        } else {
            text = payload;
        }
        String[] fields = split(text);
        if (fields.length % count != 0) {
            return new DecodedFrame.Unusable(
                    FrameOutcome.CORRUPT,
                    fields.length + " fields do not divide into " + count + " records (truncated?)");
        }
        int perRecord = fields.length / count;
        NoticeLayout layout = NoticeLayout.ofFieldCount(perRecord);
        if (layout == null) {
            return new DecodedFrame.Unusable(
                    FrameOutcome.CORRUPT,
                    perRecord + " fields per record (" + fields.length + " for " + count + "), expected 26 or 23");
        }
        List<ExecutionNoticeEvent> events = new ArrayList<>(count);
        List<DecodedFrame.BadRecord> bad = List.of();
        for (int r = 0; r < count; r++) {
            try {
                events.add(parser.parse(
                        trId,
                        fields,
                        r * perRecord,
                        layout,
                        tradingDate,
                        receivedAt,
                        new NoticeReceipt(connectionId, frameIndex, r)));
            } catch (IllegalArgumentException e) {
                if (bad.isEmpty()) {
                    bad = new ArrayList<>(1);
                }
                bad.add(new DecodedFrame.BadRecord(r, e.getMessage()));
            }
        }
        return new DecodedFrame.Notices(trId, encrypted, events, bad);
    }

    /** The 3-digit count (tolerates any number of digits); -1 when not a number. */
    private static int count(String raw, int from, int to) {
        if (to <= from || to - from > 6) {
            return -1;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Splits on '^' keeping empty fields, including trailing ones (unlike {@link String#split}). */
    static String[] split(String text) {
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '^') {
                n++;
            }
        }
        String[] out = new String[n];
        int start = 0;
        int k = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '^') {
                out[k++] = text.substring(start, i);
                start = i + 1;
            }
        }
        out[k] = text.substring(start);
        return out;
    }

    /** A short, single-line excerpt for error messages. */
    private static String printable(String s) {
        String t = s.length() > 20 ? s.substring(0, 20) + "…" : s;
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            b.append(c < 0x20 ? '?' : c);
        }
        return b.toString();
    }
}
