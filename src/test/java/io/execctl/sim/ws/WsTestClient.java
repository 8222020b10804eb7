package io.execctl.sim.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A raw test client on the JDK's {@link WebSocket}: records every text frame, close and error, can
 * echo PINGPONG, and decrypts notices with javax.crypto itself (never the server's cipher class).
 */
final class WsTestClient implements WebSocket.Listener {
    static final ObjectMapper JSON = new ObjectMapper();

    final List<String> texts = new CopyOnWriteArrayList<>();
    final List<String> pongs = new CopyOnWriteArrayList<>();
    volatile Integer closeCode;
    volatile String closeReason;
    volatile Throwable error;
    /** How PINGPONG is echoed: as a text frame (default), a ping frame, a pong frame, or not at all. */
    enum Echo {
        TEXT,
        PING,
        PONG,
        NONE
    }

    volatile Echo echo = Echo.TEXT;
    private final StringBuilder partial = new StringBuilder();
    WebSocket ws;

    static WsTestClient connect(int port, String path) {
        WsTestClient c = new WsTestClient();
        c.ws = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + path), c)
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        return c;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String t = partial.toString();
            partial.setLength(0);
            if (t.startsWith("{") && t.contains("\"PINGPONG\"")) {
                switch (echo) {
                    case TEXT -> webSocket.sendText(t, true);
                    case PING -> webSocket.sendPing(ByteBuffer.wrap(t.getBytes(StandardCharsets.UTF_8)));
                    case PONG -> webSocket.sendPong(ByteBuffer.wrap(t.getBytes(StandardCharsets.UTF_8)));
                    case NONE -> {}
                }
            }
            texts.add(t);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        pongs.add(StandardCharsets.UTF_8.decode(message).toString());
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        closeReason = reason;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable e) {
        error = e;
    }

    boolean isGone() {
        return closeCode != null || error != null;
    }

    void send(String text) {
        ws.sendText(text, true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    static String request(String approvalKey, String trType, String trId, String trKey) {
        return "{\"header\":{\"approval_key\":\"" + approvalKey + "\",\"custtype\":\"P\",\"tr_type\":\"" + trType
                + "\",\"content-type\":\"utf-8\"},\"body\":{\"input\":{\"tr_id\":\"" + trId + "\",\"tr_key\":\"" + trKey
                + "\"}}}";
    }

    /** Control (JSON) frames other than PINGPONG. */
    List<JsonNode> controls() {
        List<JsonNode> out = new ArrayList<>();
        for (String t : texts) {
            if (t.startsWith("{") && !t.contains("\"PINGPONG\"")) {
                out.add(parse(t));
            }
        }
        return out;
    }

    List<String> pingpongs() {
        return texts.stream()
                .filter(t -> t.startsWith("{") && t.contains("\"PINGPONG\""))
                .toList();
    }

    /** Data frames ({@code flag|tr_id|count|payload}). */
    List<String> dataFrames() {
        return texts.stream().filter(t -> !t.startsWith("{")).toList();
    }

    JsonNode lastControl() {
        List<JsonNode> c = controls();
        return c.isEmpty() ? null : c.get(c.size() - 1);
    }

    static JsonNode parse(String t) {
        try {
            return JSON.readTree(t);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + t, e);
        }
    }

    /** AES-256-CBC/PKCS5 decryption of a base64 payload, done here with javax.crypto. */
    static String decrypt(String key, String iv, String base64) throws Exception {
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(
                Cipher.DECRYPT_MODE,
                new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "AES"),
                new IvParameterSpec(iv.getBytes(StandardCharsets.UTF_8)));
        return new String(c.doFinal(Base64.getDecoder().decode(base64)), StandardCharsets.UTF_8);
    }

    void close() {
        try {
            ws.abort();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }

    CompletableFuture<WebSocket> sendClose(int code, String reason) {
        return ws.sendClose(code, reason);
    }
}
