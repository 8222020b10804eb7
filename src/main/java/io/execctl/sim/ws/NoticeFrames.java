package io.execctl.sim.ws;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The text of a notice data frame: {@code 1|<tr_id>|<count>|<base64(AES(records))>}, the records
 * {@code ^}-joined in the session's layout (26 fields, or paper's 23), optionally corrupted by the
 * corrupt-frame fault.
 */
final class NoticeFrames {
    private NoticeFrames() {}

    static String frame(
            Subscription sub, List<ExecutionNotice> records, boolean layout23, Outbound.Corruption corruption) {
        StringBuilder plain = new StringBuilder(256 * records.size());
        for (ExecutionNotice n : records) {
            if (plain.length() > 0) {
                plain.append('^');
            }
            appendRecord(plain, n, layout23);
        }
        byte[] cipherText = sub.cipher().encrypt(plain.toString());
        String payload =
                switch (corruption) {
                    case NONE -> Base64.getEncoder().encodeToString(cipherText);
                    case TRUNCATED_CIPHERTEXT ->
                        Base64.getEncoder().encodeToString(Arrays.copyOf(cipherText, cipherText.length - 5));
                    case GARBAGE_BASE64 -> {
                        String b64 = Base64.getEncoder().encodeToString(cipherText);
                        yield b64.substring(0, b64.length() / 2) + "%$#*!~";
                    }
                };
        int count = records.size();
        StringBuilder frame = new StringBuilder(payload.length() + 20);
        frame.append("1|").append(sub.trId()).append('|');
        if (count < 100) {
            frame.append('0');
        }
        if (count < 10) {
            frame.append('0');
        }
        frame.append(count).append('|').append(payload);
        return frame.toString();
    }

    private static void appendRecord(StringBuilder sb, ExecutionNotice n, boolean layout23) {
        List<String> fields = layout23 ? n.fields23() : n.fields26();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append('^');
            }
            String f = fields.get(i);
            sb.append(f == null ? "" : f);
        }
    }
}
