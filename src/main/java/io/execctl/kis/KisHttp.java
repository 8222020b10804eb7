package io.execctl.kis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.config.KisSettings;
import io.execctl.config.Timeouts;
import io.execctl.domain.Secret;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP exchange with KIS: builds the request with KIS's headers, sends it once (no retries here,
 * and OkHttp's own silent retry and redirects are switched off, so an order POST is written at most
 * once), keeps the raw body, classifies it ({@link ResponseClassifier}), reports it to the
 * {@link RawSink} and the metrics. Whether the request was written at all is tracked with an OkHttp
 * event listener: a failure before the request headers were started is {@link KisOutcome.NotSent}
 * (safe to retry), any later failure is {@link KisOutcome.NoResponse} (it may have reached KIS).
 */
public final class KisHttp {
    private static final Logger log = LoggerFactory.getLogger(KisHttp.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Pattern ISSUED_SECRET =
            Pattern.compile("\"(access_token|approval_key)\"\\s*:\\s*\"([^\"]*)\"");

    private final KisSettings settings;
    private final OkHttpClient client;
    private final HttpUrl base;
    private final KisMetrics metrics;
    private final RawSink rawSink;
    private final Clock clock;

    /** Marks, per call, that OkHttp started writing the request. */
    static final class Written {
        final AtomicBoolean value = new AtomicBoolean();
    }

    private static final EventListener WRITE_TRACKER = new EventListener() {
        @Override
        public void requestHeadersStart(Call call) {
            Written w = call.request().tag(Written.class);
            if (w != null) {
                w.value.set(true);
            }
        }
    };

    public KisHttp(KisSettings settings, OkHttpClient client, KisMetrics metrics, RawSink rawSink, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = Objects.requireNonNull(client, "client");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.rawSink = Objects.requireNonNull(rawSink, "rawSink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.base = HttpUrl.parse(settings.restUrl());
        if (base == null) {
            throw new IllegalArgumentException("restUrl is not an http(s) URL: " + settings.restUrl());
        }
    }

    /** The client configuration every KIS call needs: timeouts, no silent retry, no redirects. */
    public static OkHttpClient.Builder clientBuilder(KisSettings settings) {
        Timeouts t = settings.timeouts();
        return new OkHttpClient.Builder()
                .connectTimeout(t.connect())
                .readTimeout(t.read())
                .writeTimeout(t.write())
                .callTimeout(t.call())
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectionPool(new ConnectionPool(5, 30, TimeUnit.SECONDS))
                .eventListener(WRITE_TRACKER);
    }

    public static KisHttp create(KisSettings settings, KisMetrics metrics, RawSink rawSink, Clock clock) {
        return new KisHttp(settings, clientBuilder(settings).build(), metrics, rawSink, clock);
    }

    public KisSettings settings() {
        return settings;
    }

    /** Shuts the connection pool and dispatcher down. */
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    /**
     * Sends {@code req} once.
     *
     * @param accessToken the bearer token for {@code /uapi} calls; null for OAuth calls
     */
    public KisOutcome execute(KisRequest req, Secret accessToken) {
        KisOperation op = req.operation();
        Written written = new Written();
        String sentText;
        Request httpRequest;
        try {
            sentText = op.method().equals("GET") ? queryString(req.params()) : jsonBody(req.params());
            httpRequest = build(req, accessToken, sentText, written);
        } catch (RuntimeException e) {
            // A request we cannot even build (bad URL) never leaves the process.
            return finish(
                    req,
                    accessToken,
                    null,
                    new KisOutcome.NotSent(
                            "request could not be built: " + e.getClass().getSimpleName()),
                    null,
                    clock.instant(),
                    System.nanoTime());
        }
        Instant sentAt = clock.instant();
        long start = System.nanoTime();
        KisOutcome outcome;
        String rawKept = null;
        try (Response response = client.newCall(httpRequest).execute()) {
            ResponseMeta meta = new ResponseMeta(
                    response.code(), response.header("tr_id"), response.header("tr_cont"), response.header("gt_uid"));
            String body;
            byte[] utf8 = null;
            try {
                ResponseBody rb = response.body();
                MediaType type = rb.contentType();
                byte[] bytes;
                try (BufferedSource source = rb.source()) {
                    bytes = source.readByteArray();
                }
                if (isPlainUtf8(type, bytes)) {
                    body = new String(bytes, StandardCharsets.UTF_8);
                    // Lossless (no malformed sequence became U+FFFD): the bytes parse to exactly this text.
                    utf8 = body.indexOf('\uFFFD') < 0 ? bytes : null;
                } else {
                    body = ResponseBody.create(bytes, type).string(); // OkHttp's own charset and BOM rules
                }
            } catch (IOException e) {
                outcome = new KisOutcome.NoResponse(
                        e instanceof InterruptedIOException,
                        "HTTP " + meta.status() + " response cut while reading the body (" + describe(e) + ")");
                return finish(req, accessToken, sentText, outcome, null, sentAt, start, meta.status(), meta.gtUid());
            }
            rawKept = scrub(op, body, accessToken);
            // Inquiry data is read from the scrubbed text; only the OAuth answers need the issued value itself.
            String parsed = op.isOauth() ? body : rawKept;
            outcome = ResponseClassifier.classify(
                    op, meta, parsed, parsed == body ? utf8 : null, rawKept, t -> Secret.scrub(
                                    t, settings.appKey(), settings.appSecret(), accessToken)
                            .replace(settings.account().cano(), "********"));
            return finish(req, accessToken, sentText, outcome, rawKept, sentAt, start, meta.status(), meta.gtUid());
        } catch (IOException e) {
            if (!written.value.get()) {
                // OkHttp never started writing the request (connect refused or timed out, DNS, TLS): nothing reached
                // KIS.
                outcome = new KisOutcome.NotSent(
                        (isConnectFailure(e) ? "could not connect (" : "failed before sending (") + describe(e) + ")");
            } else {
                outcome = new KisOutcome.NoResponse(
                        e instanceof InterruptedIOException,
                        (e instanceof InterruptedIOException ? "timed out" : "connection failed")
                                + " after the request may have been sent (" + describe(e) + ")");
            }
            return finish(req, accessToken, sentText, outcome, null, sentAt, start);
        }
    }

    private KisOutcome finish(
            KisRequest req, Secret token, String sentText, KisOutcome outcome, String raw, Instant sentAt, long start) {
        return finish(req, token, sentText, outcome, raw, sentAt, start, 0, "");
    }

    private KisOutcome finish(
            KisRequest req,
            Secret token,
            String sentText,
            KisOutcome outcome,
            String raw,
            Instant sentAt,
            long start,
            int status,
            String gtUid) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        KisOperation op = req.operation();
        metrics.request(op.label(), outcome.label(), elapsed);
        try {
            rawSink.accept(new RawExchange(
                    op.label(),
                    op.method() + " " + op.path(),
                    req.trId(),
                    status,
                    sentText == null ? null : scrub(op, sentText, token),
                    raw,
                    gtUid,
                    outcome.label(),
                    sentAt,
                    clock.instant()));
        } catch (RuntimeException e) {
            metrics.listenerError("raw_sink");
            log.warn(
                    "raw sink failed for {} ({}): {}",
                    op.label(),
                    req.trId(),
                    e.getClass().getSimpleName());
        }
        if (outcome instanceof KisOutcome.Success) {
            log.debug(
                    "{} {} -> HTTP {} ok gt_uid={} in {} ms",
                    op.label(),
                    req.trId(),
                    status,
                    gtUid,
                    elapsed.toMillis());
        } else if (outcome instanceof KisOutcome.Rejected r) {
            log.info(
                    "{} {} -> HTTP {} rejected {} {} gt_uid={}",
                    op.label(),
                    req.trId(),
                    status,
                    r.msgCd(),
                    r.msg1(),
                    gtUid);
        } else {
            log.warn(
                    "{} {} -> {} (HTTP {}) {} gt_uid={}",
                    op.label(),
                    req.trId(),
                    outcome.label(),
                    status,
                    outcome.detail(),
                    gtUid);
        }
        return outcome;
    }

    private Request build(KisRequest req, Secret token, String sentText, Written written) {
        KisOperation op = req.operation();
        HttpUrl.Builder url = base.newBuilder().addPathSegments(op.path().substring(1));
        Request.Builder b = new Request.Builder()
                .tag(Written.class, written)
                .header("content-type", "application/json; charset=utf-8");
        if (!op.isOauth()) {
            if (token == null) {
                throw new IllegalArgumentException("an access token is required for " + op.label());
            }
            b.header("authorization", "Bearer " + token.reveal())
                    .header("appkey", settings.appKey().reveal())
                    .header("appsecret", settings.appSecret().reveal())
                    .header("tr_id", req.trId())
                    .header("custtype", settings.custType())
                    .header("tr_cont", req.trCont());
        }
        if (op.method().equals("GET")) {
            req.params().forEach(url::addQueryParameter);
            b.url(url.build()).get();
        } else {
            b.url(url.build()).post(RequestBody.create(sentText, JSON));
        }
        return b.build();
    }

    private static String jsonBody(Map<String, String> params) {
        ObjectNode node = ResponseClassifier.mapper().createObjectNode();
        params.forEach(node::put);
        try {
            return ResponseClassifier.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON body of strings", e);
        }
    }

    private static String queryString(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(k).append('=').append(v);
        });
        return sb.toString();
    }

    /** Removes credentials from a text: app key/secret, the bearer token, and any issued token or approval key. */
    String scrub(KisOperation op, String text, Secret token) {
        if (text == null) {
            return null;
        }
        String out = Secret.scrub(text, settings.appKey(), settings.appSecret(), token);
        if (op.isOauth() && (out.contains("access_token") || out.contains("approval_key"))) {
            Matcher m = ISSUED_SECRET.matcher(out);
            out = m.replaceAll(r -> "\"" + r.group(1) + "\":\"****\"");
        }
        return out;
    }

    /**
     * Whether OkHttp's {@link ResponseBody#string()} would decode these bytes as plain UTF-8: no other
     * charset declared and no byte-order mark (0xEF, 0xFE, 0xFF or 0x00 first: left to OkHttp).
     */
    static boolean isPlainUtf8(MediaType type, byte[] bytes) {
        if (type != null && !StandardCharsets.UTF_8.equals(type.charset(StandardCharsets.UTF_8))) {
            return false;
        }
        if (bytes.length == 0) {
            return true;
        }
        int b0 = bytes[0] & 0xFF;
        return b0 != 0xEF && b0 != 0xFE && b0 != 0xFF && b0 != 0x00;
    }

    private static boolean isConnectFailure(IOException e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }

    /** The exception's class and message; never contains credentials (OkHttp messages name hosts, not headers). */
    private String describe(Throwable e) {
        String msg = e.getMessage();
        String s = e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
        return Secret.scrub(s, settings.appKey(), settings.appSecret());
    }
}
