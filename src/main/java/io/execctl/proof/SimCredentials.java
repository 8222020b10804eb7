package io.execctl.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * What the simulator handed out and accepts ({@code GET <admin>/credentials}): the app key and secret,
 * the account, every access token and WebSocket approval key issued. Read over HTTP like the ledger, so
 * the secrets check needs nothing of the simulator's classes; {@link #toString} never shows a value.
 */
public record SimCredentials(
        String appKey, String appSecret, String account, List<String> accessTokens, List<String> approvalKeys) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SimCredentials {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(account, "account");
        accessTokens = List.copyOf(accessTokens);
        approvalKeys = List.copyOf(approvalKeys);
    }

    /** The credentials now, from the simulator's admin base ({@code http://127.0.0.1:P/sim}). */
    public static SimCredentials read(String adminUrl) {
        String url = Objects.requireNonNull(adminUrl, "adminUrl").replaceAll("/+$", "") + "/credentials";
        OkHttpClient http = new OkHttpClient.Builder()
                .callTimeout(Duration.ofSeconds(10))
                .retryOnConnectionFailure(false)
                .build();
        try (Response resp =
                http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            ResponseBody body = resp.body();
            String text = body == null ? "" : body.string();
            if (resp.code() != 200) {
                throw new IllegalStateException("GET " + url + " answered HTTP " + resp.code());
            }
            return parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url + ": " + e.getMessage(), e);
        }
    }

    /** Parses the document; a missing field is an error. */
    public static SimCredentials parse(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            return new SimCredentials(
                    required(n, "app_key"),
                    required(n, "app_secret"),
                    required(n, "account"),
                    strings(n.path("access_tokens")),
                    strings(n.path("approval_keys")));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a credentials document: " + e.getMessage(), e);
        }
    }

    private static String required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("credentials document without " + field);
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    @Override
    public String toString() {
        return "SimCredentials[" + accessTokens.size() + " access tokens, " + approvalKeys.size() + " approval keys]";
    }
}
