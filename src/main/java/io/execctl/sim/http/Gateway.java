package io.execctl.sim.http;

import io.execctl.sim.http.wire.WireRequest;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The checks KIS's gateway makes before a {@code /uapi} call reaches a service, in its order: credentials
 * headers, the bearer token, the token's app key and secret, {@code custtype}, the TR id, the rate limit.
 * {@code custtype} may be absent (it defaults to {@code P}); a {@code hashkey} header is accepted and not
 * checked (KIS: "hash key 필수 사항아님").
 */
final class Gateway {
    private final RestConfig config;
    private final TokenRegistry tokens;
    private final RateLimiter limiter;

    Gateway(RestConfig config, TokenRegistry tokens, RateLimiter limiter) {
        this.config = config;
        this.tokens = tokens;
        this.limiter = limiter;
    }

    /** The refusal of this call, or empty when it may proceed; {@code burst} is the EGW00201 fault's verdict. */
    Optional<Reply> refuse(WireRequest req, KisEndpoint endpoint, Faults f, BooleanSupplier burst) {
        String appKey = req.header("appkey");
        if (appKey.isEmpty()) {
            return Optional.of(GatewayCodes.appKeyMissing());
        }
        String appSecret = req.header("appsecret");
        if (appSecret.isEmpty()) {
            return Optional.of(GatewayCodes.appSecretMissing());
        }
        String auth = req.header("authorization").strip();
        if (!auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
            return Optional.of(GatewayCodes.credentialsType());
        }
        String token = auth.substring(7).trim();
        switch (tokens.check(token, f.tokenExpireEarly())) {
            case UNKNOWN -> {
                return Optional.of(GatewayCodes.tokenInvalid());
            }
            case EXPIRED -> {
                return Optional.of(GatewayCodes.tokenExpired());
            }
            case VALID -> {}
        }
        if (!tokens.appKeyOf(token).map(appKey::equals).orElse(false)) {
            return Optional.of(GatewayCodes.appKeyInvalid());
        }
        if (!tokens.appSecretMatches(appSecret)) {
            return Optional.of(GatewayCodes.appSecretInvalid());
        }
        String custtype = req.hasHeader("custtype") ? req.header("custtype").strip() : "P";
        if (!custtype.equals("P") && !custtype.equals("B")) {
            return Optional.of(GatewayCodes.custtypeInvalid());
        }
        String trId = req.header("tr_id").strip();
        if (!endpoint.accepts(trId, config.paper())) {
            if (config.paper() && endpoint.accepts(trId, false)) {
                return Optional.of(GatewayCodes.notPaperTr());
            }
            return Optional.of(GatewayCodes.noSuchService(500));
        }
        if (!limiter.tryAcquire(appKey) || burst.getAsBoolean()) {
            return Optional.of(GatewayCodes.rateLimited());
        }
        return Optional.empty();
    }
}
