package io.execctl.kis;

import com.fasterxml.jackson.databind.JsonNode;
import io.execctl.config.KisSettings;
import io.execctl.config.RetrySchedule;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.Secret;
import io.execctl.kis.port.CachedToken;
import io.execctl.kis.port.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access token ({@code /oauth2/tokenP}) and the WebSocket approval key ({@code /oauth2/Approval})
 * of one environment + app key, shared by every process through the {@link TokenStore}.
 *
 * <p>Why it is careful: KIS issues at most one token a minute ({@code EGW00133}), every issuance on a
 * real account sends the owner a KakaoTalk message, and a token lives a day. So a cached token is reused
 * while it stays valid for {@code tokenRefreshMargin}; issuance happens only inside the store's
 * cross-process issue lock, after re-reading the cache (another process may just have stored one) and
 * at least {@code tokenIssueMinInterval} after the last attempt of any process. {@code EGW00133} is
 * answered by waiting for that spacing and re-reading the cache, never by hammering; the whole wait is
 * bounded by {@code tokenIssueMaxWait}.
 *
 * <p>Within one process, one thread per kind issues and the others wait for it in the JVM
 * ({@link #issueOnce}): the store's issue lock may hold a database connection for up to a minute (the
 * spacing), and threads queued on it with a connection each would empty the connection pool that
 * every fill, order and notice of the daemon needs.
 */
public final class TokenManager {
    private static final Logger log = LoggerFactory.getLogger(TokenManager.class);
    private static final DateTimeFormatter KIS_EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    public static final String TOO_SOON = "EGW00133";

    private final KisSettings settings;
    private final KisHttp http;
    private final TokenStore store;
    private final RateBudget budget;
    private final Backoff backoff;
    private final Clock clock;
    private final KisMetrics metrics;
    private final String env;
    private final String fingerprint;
    private final Map<CachedToken.Kind, CachedToken> local = new EnumMap<>(CachedToken.Kind.class);
    private final Map<CachedToken.Kind, ReentrantLock> issuing = new EnumMap<>(CachedToken.Kind.class);

    public TokenManager(
            KisSettings settings,
            KisHttp http,
            TokenStore store,
            RateBudget budget,
            Backoff backoff,
            Clock clock,
            KisMetrics metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.store = Objects.requireNonNull(store, "store");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.env = settings.env().key();
        this.fingerprint = settings.appKeyFingerprint();
        for (CachedToken.Kind k : CachedToken.Kind.values()) {
            issuing.put(k, new ReentrantLock());
        }
    }

    /** A valid access token, from the cache or freshly issued. */
    public Secret accessToken() {
        return obtain(CachedToken.Kind.ACCESS);
    }

    /** A valid WebSocket approval key, from the cache or freshly issued. */
    public Secret approvalKey() {
        return obtain(CachedToken.Kind.APPROVAL);
    }

    /** For the notice WebSocket: supplies the approval key. */
    public Supplier<Secret> approvalKeySupplier() {
        return this::approvalKey;
    }

    /** Forgets {@code token} (KIS called it invalid or expired) unless another process already replaced it. */
    public void invalidateAccess(Secret token) {
        invalidate(CachedToken.Kind.ACCESS, token);
    }

    /** Forgets an approval key KIS refused. */
    public void invalidateApproval(Secret key) {
        invalidate(CachedToken.Kind.APPROVAL, key);
    }

    private void invalidate(CachedToken.Kind kind, Secret value) {
        synchronized (local) {
            CachedToken t = local.get(kind);
            if (t != null && t.value().equals(value.reveal())) {
                local.remove(kind);
            }
        }
        store.invalidate(env, fingerprint, kind, value.reveal());
        metrics.tokenInvalidated(label(kind));
        log.info("dropped the cached {} credential of {}/{}", label(kind), env, fingerprint);
    }

    private Secret obtain(CachedToken.Kind kind) {
        Instant now = clock.instant();
        Optional<CachedToken> mine = localValid(kind, now);
        if (mine.isPresent()) {
            return Secret.of(mine.get().value());
        }
        Optional<CachedToken> cached =
                store.load(env, fingerprint, kind).filter(t -> t.validAt(now, settings.tokenRefreshMargin()));
        CachedToken token = cached.orElseGet(() -> issueOnce(kind));
        synchronized (local) {
            local.put(kind, token);
        }
        return Secret.of(token.value());
    }

    private Optional<CachedToken> localValid(CachedToken.Kind kind, Instant now) {
        synchronized (local) {
            CachedToken t = local.get(kind);
            return t != null && t.validAt(now, settings.tokenRefreshMargin()) ? Optional.of(t) : Optional.empty();
        }
    }

    /**
     * One issuer per kind in this process; the others wait here, holding no database connection, and
     * take what it obtained. Bounded by {@code tokenIssueMaxWait} like the issuance itself.
     */
    private CachedToken issueOnce(CachedToken.Kind kind) {
        ReentrantLock lock = issuing.get(kind);
        try {
            if (!lock.tryLock(settings.tokenIssueMaxWait().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TokenUnavailableException(
                        "busy", "no " + label(kind) + " credential: another thread's issuance is still waiting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailableException(
                    "interrupted", "interrupted while waiting for the " + label(kind) + " issuance");
        }
        try {
            Optional<CachedToken> meanwhile = localValid(kind, clock.instant());
            if (meanwhile.isPresent()) {
                return meanwhile.get();
            }
            CachedToken token = store.withIssueLock(env, fingerprint, kind, () -> issueLocked(kind));
            synchronized (local) {
                local.put(kind, token); // before the next waiter looks
            }
            return token;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Issues under the cross-process issue lock. Attempts are spaced {@code tokenIssueMinInterval}
     * apart, except the retry that follows an attempt KIS answered without a token and without
     * {@code EGW00133} (a 5xx, a server error such as {@code EGW00002}, a rate limit, a cut
     * connection): retried after the server-error schedule's short backoff instead of a minute. Waiting
     * the minute there cost a chaos day 61 s without any REST call (orders included) for one injected
     * 500 on {@code tokenP}. The retry cannot make KIS issue twice: if the failed attempt did issue a
     * token, KIS answers the retry {@code EGW00133} (it issues once a minute and returns the same token
     * for six hours), and that answer restores the minute's spacing from then on. Credential refusals
     * ({@code EGW00102…EGW00105}, {@code EGW00205…EGW00208}) are final: an operator must act.
     */
    private CachedToken issueLocked(CachedToken.Kind kind) {
        Instant deadline = clock.instant().plus(settings.tokenIssueMaxWait());
        boolean skipSpacing = false;
        int unsentRetries = 0;
        int failedRetries = 0;
        String lastProblem = "none";
        while (true) {
            Instant now = clock.instant();
            Optional<CachedToken> cached =
                    store.load(env, fingerprint, kind).filter(t -> t.validAt(now, settings.tokenRefreshMargin()));
            if (cached.isPresent()) {
                return cached.get();
            }
            if (!skipSpacing) {
                Optional<Instant> last = store.lastIssueAttempt(env, fingerprint, kind);
                if (last.isPresent()) {
                    Instant earliest = last.get().plus(settings.tokenIssueMinInterval());
                    if (now.isBefore(earliest)) {
                        if (earliest.isAfter(deadline)) {
                            throw new TokenUnavailableException(
                                    "spacing",
                                    "no " + label(kind)
                                            + " credential: KIS allows one issuance a minute and the last attempt was "
                                            + Duration.between(last.get(), now).toSeconds() + " s ago (last problem: "
                                            + lastProblem + ")");
                        }
                        sleep(Duration.between(now, earliest));
                        continue;
                    }
                }
            }
            skipSpacing = false;
            acquirePermit(kind);
            Instant attemptAt = clock.instant();
            store.recordIssueAttempt(env, fingerprint, kind, attemptAt);
            KisOutcome outcome = http.execute(issueRequest(kind), null);
            if (outcome instanceof KisOutcome.Success s) {
                CachedToken token = parse(kind, s.body().top(), attemptAt);
                store.save(token);
                metrics.tokenIssued(label(kind));
                log.info(
                        "KIS issued a new {} credential for {}/{}, valid until {}",
                        label(kind),
                        env,
                        fingerprint,
                        token.expiresAt());
                return token;
            }
            String code = outcome instanceof KisOutcome.Rejected r ? r.msgCd() : outcome.label();
            metrics.tokenIssueRefused(label(kind), code);
            if (outcome instanceof KisOutcome.Rejected r && KisCodes.GATEWAY_REFUSAL.contains(r.msgCd())) {
                throw new TokenUnavailableException(
                        r.msgCd(),
                        "KIS refused to issue the " + label(kind) + " credential: " + r.msgCd() + " " + r.msg1());
            }
            lastProblem = outcome.label() + " " + outcome.detail();
            if (outcome instanceof KisOutcome.Rejected r && TOO_SOON.equals(r.msgCd())) {
                log.warn(
                        "KIS answered {} to a {} issuance: waiting for the one-a-minute spacing, then re-reading the cache",
                        r.msgCd(),
                        label(kind));
            } else if (outcome instanceof KisOutcome.NotSent n) {
                if (!pause(settings.backoff().connect(), ++unsentRetries)) {
                    throw new TokenUnavailableException(
                            "transport", "no " + label(kind) + " credential: " + n.reason());
                }
                skipSpacing = true;
            } else {
                metrics.retry(KisOperation.TOKEN.label(), outcome.label());
                RetrySchedule schedule = outcome instanceof KisOutcome.RateLimited
                        ? settings.backoff().rateLimited()
                        : settings.backoff().serverError();
                if (!pause(schedule, ++failedRetries)) {
                    throw new TokenUnavailableException(
                            code,
                            "KIS did not issue the " + label(kind) + " credential after " + failedRetries
                                    + " attempts: " + lastProblem);
                }
                log.warn(
                        "KIS answered a {} issuance with {}: retrying after a short backoff, not the minute's spacing",
                        label(kind),
                        lastProblem);
                skipSpacing = true;
            }
        }
    }

    private void acquirePermit(CachedToken.Kind kind) {
        try {
            if (budget.acquire(RateBudget.Priority.ORDER, settings.tokenIssueMaxWait())
                    .isEmpty()) {
                throw new TokenUnavailableException(
                        "rate_budget", "no rate-budget slot for the " + label(kind) + " issuance");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailableException(
                    "interrupted", "interrupted while waiting to issue the " + label(kind) + " credential");
        }
    }

    private boolean pause(RetrySchedule schedule, int retry) {
        try {
            return backoff.pause(schedule, retry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailableException("interrupted", "interrupted while backing off");
        }
    }

    private void sleep(Duration d) {
        try {
            backoff.sleeper().sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailableException("interrupted", "interrupted while waiting for the issuance spacing");
        }
    }

    private KisRequest issueRequest(CachedToken.Kind kind) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "client_credentials");
        body.put("appkey", settings.appKey().reveal());
        if (kind == CachedToken.Kind.ACCESS) {
            body.put("appsecret", settings.appSecret().reveal());
            return KisRequest.of(KisOperation.TOKEN, "", body);
        }
        body.put("secretkey", settings.appSecret().reveal());
        return KisRequest.of(KisOperation.APPROVAL, "", body);
    }

    private CachedToken parse(CachedToken.Kind kind, JsonNode body, Instant issuedAt) {
        if (kind == CachedToken.Kind.APPROVAL) {
            String key = ResponseClassifier.text(body, "approval_key");
            if (key.isEmpty()) {
                throw new TokenUnavailableException("malformed", "the approval answer has no approval_key");
            }
            return new CachedToken(
                    env, fingerprint, kind, key, issuedAt, issuedAt.plus(settings.approvalKeyLifetime()));
        }
        String token = ResponseClassifier.text(body, "access_token");
        if (token.isEmpty()) {
            throw new TokenUnavailableException("malformed", "the token answer has no access_token");
        }
        Instant expires = null;
        String expiresIn = ResponseClassifier.text(body, "expires_in");
        if (!expiresIn.isEmpty()) {
            try {
                long secs = Long.parseLong(expiresIn);
                if (secs > 0) {
                    expires = issuedAt.plusSeconds(secs);
                }
            } catch (NumberFormatException e) {
                log.warn("token answer has a non-numeric expires_in; using access_token_token_expired");
            }
        }
        String expiredAt = ResponseClassifier.text(body, "access_token_token_expired");
        if (!expiredAt.isEmpty()) {
            try {
                Instant stated = LocalDateTime.parse(expiredAt, KIS_EXPIRY)
                        .atZone(KoreaTime.ZONE)
                        .toInstant();
                expires = expires == null || stated.isBefore(expires) ? stated : expires;
            } catch (DateTimeParseException e) {
                log.warn("token answer has an unreadable access_token_token_expired");
            }
        }
        if (expires == null) {
            throw new TokenUnavailableException(
                    "malformed", "the token answer states no expiry (expires_in / access_token_token_expired)");
        }
        return new CachedToken(env, fingerprint, kind, token, issuedAt, expires);
    }

    private static String label(CachedToken.Kind kind) {
        return kind == CachedToken.Kind.ACCESS ? "access" : "approval";
    }
}
