package io.execctl.kis.ws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Notice records, frames and acks as KIS sends them, built independently of the code under test. */
final class NoticeFixtures {
    static final String KEY = "abcdefghijklmnopqrstuvwxyz012345"; // 32 chars
    static final String IV = "0123456789abcdef"; // 16 chars
    static final String OTHER_KEY = "ZYXWVUTSRQPONMLKJIHGFEDCBA987654";
    static final String HTS = "demo";
    static final String ACCOUNT = "5000000101";

    private NoticeFixtures() {}

    /** A 26-field fill record: order 0000012345, buy 005930, 7 @ 71,500 at 09:30:15, order qty 10 @ 72,000. */
    static List<String> fill26() {
        return new ArrayList<>(List.of(
                HTS,
                ACCOUNT,
                "0000012345",
                "",
                "02",
                "0",
                "00",
                "0",
                "005930",
                "7",
                "71500",
                "093015",
                "0",
                "2",
                "2",
                "00950",
                "10",
                "HONG GILDONG",
                "0",
                "1",
                "Y",
                "",
                "10",
                "",
                "삼성전자",
                "72000"));
    }

    /** The same fill in the older 23-field layout (tail: 1Y, 10, blank, name, price as YR measured on paper). */
    static List<String> fill23() {
        return new ArrayList<>(List.of(
                HTS,
                ACCOUNT,
                "0000012345",
                "",
                "02",
                "0",
                "00",
                "0",
                "005930",
                "7",
                "71500",
                "093015",
                "0",
                "2",
                "2",
                "00950",
                "10",
                "HONG GILDONG",
                "1Y",
                "10",
                "",
                "삼성전자",
                "72000"));
    }

    /** An acceptance notice (CNTG_YN=1) of a sell order 0000012346: 5 @ 70,000, order qty blank. */
    static List<String> ack26() {
        return new ArrayList<>(List.of(
                HTS,
                ACCOUNT,
                "0000012346",
                "",
                "01",
                "0",
                "00",
                "0",
                "000660",
                "5",
                "70000",
                "091000",
                "0",
                "1",
                "1",
                "00950",
                "",
                "HONG GILDONG",
                "0",
                "1",
                "Y",
                "",
                "10",
                "",
                "SK하이닉스",
                "70000"));
    }

    static String join(List<String> fields) {
        return String.join("^", fields);
    }

    @SafeVarargs
    static String joinRecords(List<String>... records) {
        List<String> all = new ArrayList<>();
        for (List<String> r : records) {
            all.addAll(r);
        }
        return String.join("^", all);
    }

    static String encrypt(String plain, String key, String iv) {
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "AES"),
                    new IvParameterSpec(iv.getBytes(StandardCharsets.UTF_8)));
            return Base64.getEncoder().encodeToString(c.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String encryptedFrame(String trId, int count, String plain) {
        return "1|" + trId + "|" + String.format("%03d", count) + "|" + encrypt(plain, KEY, IV);
    }

    static String plainFrame(String trId, int count, String plain) {
        return "0|" + trId + "|" + String.format("%03d", count) + "|" + plain;
    }

    static String ack(String trId, String trKey, String key, String iv) {
        return "{\"header\":{\"tr_id\":\"" + trId + "\",\"tr_key\":\"" + trKey + "\",\"encrypt\":\"N\"},"
                + "\"body\":{\"rt_cd\":\"0\",\"msg_cd\":\"OPSP0000\",\"msg1\":\"SUBSCRIBE SUCCESS\","
                + "\"output\":{\"iv\":\"" + iv + "\",\"key\":\"" + key + "\"}}}";
    }

    static String control(String trId, String rtCd, String msgCd, String msg1) {
        return "{\"header\":{\"tr_id\":\"" + trId + "\",\"tr_key\":\"\",\"encrypt\":\"N\"}," + "\"body\":{\"rt_cd\":\""
                + rtCd + "\",\"msg_cd\":\"" + msgCd + "\",\"msg1\":\"" + msg1 + "\"}}";
    }

    static final String IN_USE = control("(null)", "9", "OPSP8996", "ALREADY IN USE appkey");
    static final String MAX_OVER = control("H0STCNI0", "1", "OPSP0008", "MAX SUBSCRIBE OVER");

    static String pingpong(String datetime) {
        return "{\"header\":{\"tr_id\":\"PINGPONG\",\"datetime\":\"" + datetime + "\"}}";
    }
}
