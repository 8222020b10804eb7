package io.execctl.proof;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Reads the broker's ledger from the simulator's admin API over HTTP ({@code GET <admin>/ledger}),
 * the same way an external checker would, so a chaos run can check a simulator in another process.
 */
public final class LedgerReader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final OkHttpClient http;
    private final String adminUrl;

    /** @param adminUrl the simulator's admin base, e.g. {@code http://127.0.0.1:P/sim} */
    public LedgerReader(String adminUrl) {
        this.adminUrl = Objects.requireNonNull(adminUrl, "adminUrl").replaceAll("/+$", "");
        this.http = new OkHttpClient.Builder()
                .callTimeout(Duration.ofSeconds(10))
                .retryOnConnectionFailure(false)
                .build();
    }

    /** The ledger now. */
    public BrokerLedger read() {
        Request req = new Request.Builder().url(adminUrl + "/ledger").get().build();
        try (Response resp = http.newCall(req).execute()) {
            ResponseBody body = resp.body();
            String text = body == null ? "" : body.string();
            if (resp.code() != 200) {
                throw new IllegalStateException("GET " + adminUrl + "/ledger answered HTTP " + resp.code());
            }
            return parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ledger at " + adminUrl + "/ledger: " + e.getMessage(), e);
        }
    }

    /** Parses the ledger document; a missing field is an error. */
    public static BrokerLedger parse(String json) {
        try {
            return JSON.readValue(json, BrokerLedger.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a ledger document: " + e.getMessage(), e);
        }
    }
}
