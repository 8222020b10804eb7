package io.execctl.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.execctl.domain.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts to a Slack-compatible incoming webhook: {@code POST {"text": "..."}}. A trading loop never waits
 * for it: {@link #raise} redacts, de-duplicates and puts the alert in a bounded queue (dropping and
 * counting it when full); one sender thread posts, retrying 5xx, 429 and network errors with doubling
 * backoff, giving up (counted) after {@link Settings#attempts()}. The same code and message within
 * {@link Settings#dedupWindow()} is sent once. Every known secret value is removed from the text before it
 * is queued, and the URL (a credential itself) is never logged.
 */
public final class WebhookAlerter implements Alerter, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookAlerter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Tuning; {@link #DEFAULT} suits production. */
    public record Settings(
            int queueCapacity,
            Duration dedupWindow,
            int attempts,
            Duration firstBackoff,
            Duration maxBackoff,
            Duration requestTimeout) {
        public static final Settings DEFAULT = new Settings(
                200, Duration.ofMinutes(5), 5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(5));

        public Settings {
            if (queueCapacity < 1 || attempts < 1) {
                throw new IllegalArgumentException("queueCapacity and attempts must be positive");
            }
            Objects.requireNonNull(dedupWindow, "dedupWindow");
            Objects.requireNonNull(firstBackoff, "firstBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
        }
    }

    private final URI url;
    private final Secret[] secrets;
    private final Settings settings;
    private final Clock clock;
    private final String prefix;
    private final HttpClient http;
    private final BlockingQueue<String> queue;
    private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder suppressed = new LongAdder();
    private final Thread sender;
    private volatile boolean closed;

    /**
     * @param url     the webhook URL (a secret: never logged)
     * @param secrets every secret value of the configuration ({@code Config.knownSecrets()}), removed
     *                from each text
     * @param prefix  put before each text to tell instances apart, e.g. {@code "execctl@trade-host-1"}
     */
    public WebhookAlerter(Secret url, Collection<Secret> secrets, String prefix, Settings settings, Clock clock) {
        this.url = URI.create(Objects.requireNonNull(url, "url").reveal());
        this.secrets = List.copyOf(secrets).toArray(new Secret[0]);
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.requestTimeout())
                .build();
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.sender = new Thread(this::sendLoop, "alert-webhook");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void raise(Alert alert) {
        if (closed) {
            dropped.increment();
            return;
        }
        String text = redact("[" + alert.severity() + "] " + alert.code() + ": " + alert.message());
        String key = alert.code() + "\n" + text;
        Instant now = clock.instant();
        Instant last = lastSent.get(key);
        if (last != null && now.isBefore(last.plus(settings.dedupWindow()))) {
            suppressed.increment();
            return;
        }
        lastSent.put(key, now);
        if (lastSent.size() > 1_000) {
            lastSent.values().removeIf(t -> !now.isBefore(t.plus(settings.dedupWindow())));
        }
        if (!queue.offer(prefix.isEmpty() ? text : prefix + " " + text)) {
            dropped.increment();
            LOG.warn("alert webhook queue full ({}): alert {} dropped", settings.queueCapacity(), alert.code());
        }
    }

    /** The text with every known secret value replaced by {@code ****}. */
    String redact(String text) {
        return Secret.scrub(text, secrets);
    }

    private void sendLoop() {
        while (!closed || !queue.isEmpty()) {
            String text;
            try {
                text = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (text != null && !deliver(text)) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }
    }

    private boolean deliver(String text) {
        Duration backoff = settings.firstBackoff();
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            String problem;
            try {
                HttpRequest req = HttpRequest.newBuilder(url)
                        .timeout(settings.requestTimeout())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("text", text))))
                        .build();
                int status =
                        http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    delivered.increment();
                    return true;
                }
                problem = "HTTP " + status;
                if (status / 100 == 4 && status != 429) {
                    failed.increment();
                    LOG.error("alert webhook refused the alert ({}); not retried", problem);
                    return false;
                }
            } catch (IOException e) {
                problem = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.increment();
                return false;
            }
            if (attempt < settings.attempts()) {
                LOG.warn(
                        "alert webhook attempt {} failed ({}); retrying in {} ms",
                        attempt,
                        problem,
                        backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed.increment();
                    return false;
                }
                backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0
                        ? settings.maxBackoff()
                        : backoff.multipliedBy(2);
            } else {
                failed.increment();
                LOG.error("alert webhook failed {} times ({}); alert given up", attempt, problem);
            }
        }
        return false;
    }

    public long delivered() {
        return delivered.sum();
    }

    /** Alerts dropped because the queue was full (or the alerter closed). */
    public long dropped() {
        return dropped.sum();
    }

    /** Alerts given up after every attempt, or refused by the receiver. */
    public long failed() {
        return failed.sum();
    }

    /** Repeats of an alert within the de-duplication window, not sent. */
    public long suppressed() {
        return suppressed.sum();
    }

    /** Stops accepting alerts, gives the sender {@code grace} to empty the queue, then stops it. */
    public void close(Duration grace) {
        closed = true;
        try {
            sender.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }

    @Override
    public String toString() {
        return "WebhookAlerter[url=****, queued=" + queue.size() + "]";
    }
}
