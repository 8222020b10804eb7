package io.execctl.sim.http;

import io.execctl.sim.ws.ApprovalKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth at the simulated gateway: access tokens (tokenP/revokeP) and WebSocket approval keys. Tokens
 * live in wall time through the injected clock (tests use a mutable clock): valid 24 h; any tokenP within a
 * minute of the last successful one is refused with EGW00133 (HTTP 403), even while that token is valid;
 * after the minute and within 6 h of its issue the same token is handed out again with what is left of
 * its lifetime.
 */
public final class TokenRegistry implements ApprovalKeys {
    public static final Duration LIFETIME = Duration.ofHours(24);
    public static final Duration REUSE = Duration.ofHours(6);
    public static final Duration ISSUE_INTERVAL = Duration.ofMinutes(1);

    private final Clock clock;
    private final String appKey;
    private final String appSecret;
    private final Dice dice;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, String> approvalKeys = new ConcurrentHashMap<>();
    private Token current;
    private Instant lastIssued;

    public TokenRegistry(Clock clock, String appKey, String appSecret, long seed) {
        this.clock = clock;
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.dice = new Dice(seed ^ 0x70CE11L);
    }

    /** An issued token. {@code dead} is set by revocation or by the early-expiry fault. */
    public record Token(String value, String appKey, Instant issuedAt, Instant expiresAt, boolean dead) {
        @Override
        public String toString() {
            return "Token[" + appKey.substring(0, Math.min(4, appKey.length())) + "…, expires " + expiresAt + "]";
        }
    }

    /** The outcome of tokenP. */
    public sealed interface Issue {
        record Granted(Token token) implements Issue {}

        record Refused(int status, String code, String description) implements Issue {}
    }

    /** The outcome of Approval: exactly one of the two is set. */
    public record Approval(String key, Issue.Refused refused) {
        @Override
        public String toString() {
            return refused == null ? "Approval[granted]" : "Approval[" + refused.code() + "]";
        }
    }

    /** The outcome of checking a presented token. */
    public enum Check {
        VALID,
        UNKNOWN,
        EXPIRED
    }

    /** POST /oauth2/tokenP. */
    public synchronized Issue issue(String key, String secret) {
        Optional<Issue.Refused> bad = credentials(key, secret);
        if (bad.isPresent()) {
            return bad.get();
        }
        Instant now = clock.instant();
        // the minute rule comes first: a second tokenP within a minute of the last answer is refused even
        // while that token is valid (REFERENCE.md §14.2); only after it is the same token handed out again
        if (lastIssued != null && now.isBefore(lastIssued.plus(ISSUE_INTERVAL))) {
            return new Issue.Refused(403, "EGW00133", "접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)");
        }
        if (current != null
                && !current.dead()
                && now.isBefore(current.expiresAt())
                && now.isBefore(current.issuedAt().plus(REUSE))) {
            lastIssued = now;
            return new Issue.Granted(current);
        }
        Token t = new Token(newTokenValue(), key, now, now.plus(LIFETIME), false);
        tokens.put(t.value(), t);
        current = t;
        lastIssued = now;
        return new Issue.Granted(t);
    }

    /** POST /oauth2/revokeP: the token is dead afterwards. */
    public synchronized Optional<Issue.Refused> revoke(String key, String secret, String token) {
        Optional<Issue.Refused> bad = credentials(key, secret);
        if (bad.isPresent()) {
            return bad;
        }
        Token t = tokens.get(token);
        if (t == null) {
            return Optional.of(new Issue.Refused(403, "EGW00121", "유효하지 않은 token 입니다."));
        }
        kill(t);
        return Optional.empty();
    }

    /**
     * Declares every live access token expired now (POST /sim/tokens/expire): the early expiry of the
     * chaos day as a scheduled event rather than a per-call rate. The minute rule still applies to the
     * re-issue, so an expiry within a minute of the last issuance leaves clients without a token for the
     * rest of that minute, as KIS does.
     *
     * @return how many live tokens were expired
     */
    public synchronized int expireAll() {
        int n = 0;
        for (Token t : List.copyOf(tokens.values())) {
            if (!t.dead() && clock.instant().isBefore(t.expiresAt())) {
                kill(t);
                n++;
            }
        }
        return n;
    }

    /** Checks a presented token; {@code expireEarly} is the token_expire_early fault rate. */
    public synchronized Check check(String token, double expireEarly) {
        Token t = token == null ? null : tokens.get(token);
        if (t == null) {
            return Check.UNKNOWN;
        }
        if (t.dead() || !clock.instant().isBefore(t.expiresAt())) {
            return Check.EXPIRED;
        }
        if (dice.roll(expireEarly)) {
            kill(t);
            return Check.EXPIRED;
        }
        return Check.VALID;
    }

    /** Seconds until {@code t} expires (expires_in of a token handed out again within 6 h is what is left). */
    public long secondsLeft(Token t) {
        return Math.max(0, Duration.between(clock.instant(), t.expiresAt()).toSeconds());
    }

    /** The app key a valid token was issued to. */
    public Optional<String> appKeyOf(String token) {
        Token t = token == null ? null : tokens.get(token);
        return t == null ? Optional.empty() : Optional.of(t.appKey());
    }

    /** POST /oauth2/Approval: a fresh 36-char approval key, or the credentials refusal. */
    public synchronized Approval approval(String key, String secretKey) {
        Optional<Issue.Refused> bad = credentials(key, secretKey);
        if (bad.isPresent()) {
            return new Approval(null, bad.get());
        }
        long a = dice.nextLong();
        long b = dice.nextLong();
        String k = new UUID(a, b).toString();
        approvalKeys.put(k, key);
        return new Approval(k, null);
    }

    @Override
    public Optional<String> appKeyFor(String approvalKey) {
        return approvalKey == null ? Optional.empty() : Optional.ofNullable(approvalKeys.get(approvalKey));
    }

    /** Forgets every token and key (POST /sim/reset keeps them: clients stay logged in; used by tests). */
    public synchronized void clear() {
        tokens.clear();
        approvalKeys.clear();
        current = null;
        lastIssued = null;
    }

    /**
     * Every access token and approval key issued since start (or the last {@link #clear}), in no order:
     * what a chaos run greps its logs for (nothing of the simulator's may leak, GET /sim/credentials).
     */
    public synchronized Issued issued() {
        return new Issued(appKey, appSecret, List.copyOf(tokens.keySet()), List.copyOf(approvalKeys.keySet()));
    }

    /** The credentials this registry accepts and everything it handed out. */
    public record Issued(String appKey, String appSecret, List<String> accessTokens, List<String> approvalKeys) {
        @Override
        public String toString() {
            return "Issued[" + accessTokens.size() + " tokens, " + approvalKeys.size() + " approval keys]";
        }
    }

    public boolean appKeyMatches(String key) {
        return appKey.equals(key);
    }

    public boolean appSecretMatches(String secret) {
        return appSecret.equals(secret);
    }

    private Optional<Issue.Refused> credentials(String key, String secret) {
        if (key == null || key.isEmpty()) {
            return Optional.of(new Issue.Refused(403, "EGW00102", "AppKey는 필수입니다."));
        }
        if (secret == null || secret.isEmpty()) {
            return Optional.of(new Issue.Refused(403, "EGW00104", "AppSecret은 필수입니다."));
        }
        if (!appKey.equals(key)) {
            return Optional.of(new Issue.Refused(403, "EGW00103", "유효하지 않은 AppKey입니다."));
        }
        if (!appSecret.equals(secret)) {
            return Optional.of(new Issue.Refused(403, "EGW00105", "유효하지 않은 AppSecret입니다."));
        }
        return Optional.empty();
    }

    private void kill(Token t) {
        Token dead = new Token(t.value(), t.appKey(), t.issuedAt(), t.expiresAt(), true);
        tokens.put(t.value(), dead);
        if (current != null && current.value().equals(t.value())) {
            current = dead;
        }
    }

    private String newTokenValue() {
        byte[] raw = new byte[192];
        for (int i = 0; i < raw.length; i += 8) {
            long v = dice.nextLong();
            for (int j = 0; j < 8; j++) {
                raw[i + j] = (byte) (v >>> (8 * j));
            }
        }
        return "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
