package io.execctl.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.domain.KoreaTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;

/** {@code /oauth2/tokenP}, {@code /oauth2/revokeP}, {@code /oauth2/Approval} and {@code /uapi/hashkey}. Errors in the OAuth shape (§14). */
final class OAuthApi {
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final TokenRegistry tokens;

    OAuthApi(TokenRegistry tokens) {
        this.tokens = tokens;
    }

    Reply tokenP(JsonNode body) {
        Optional<Reply> bad = grantType(body);
        if (bad.isPresent()) {
            return bad.get();
        }
        TokenRegistry.Issue r = tokens.issue(Json.text(body, "appkey"), Json.text(body, "appsecret"));
        if (r instanceof TokenRegistry.Issue.Refused x) {
            return oauthError(x);
        }
        TokenRegistry.Token t = ((TokenRegistry.Issue.Granted) r).token();
        ObjectNode o = Json.object();
        o.put("access_token", t.value());
        o.put("access_token_token_expired", t.expiresAt().atZone(KoreaTime.ZONE).format(EXPIRY));
        o.put("token_type", "Bearer");
        o.put("expires_in", tokens.secondsLeft(t));
        return Reply.json(200, o);
    }

    Reply revokeP(JsonNode body) {
        Optional<TokenRegistry.Issue.Refused> r =
                tokens.revoke(Json.text(body, "appkey"), Json.text(body, "appsecret"), Json.text(body, "token"));
        if (r.isPresent()) {
            return oauthError(r.get());
        }
        ObjectNode o = Json.object();
        o.put("code", 200);
        o.put("message", "접근토큰 폐기에 성공하였습니다");
        return Reply.json(200, o);
    }

    Reply approval(JsonNode body) {
        Optional<Reply> bad = grantType(body);
        if (bad.isPresent()) {
            return bad.get();
        }
        TokenRegistry.Approval a = tokens.approval(Json.text(body, "appkey"), Json.text(body, "secretkey"));
        if (a.refused() != null) {
            return oauthError(a.refused());
        }
        ObjectNode o = Json.object();
        o.put("approval_key", a.key());
        return Reply.json(200, o);
    }

    /** hashkey: checks appkey/appsecret headers and answers a SHA-256 of the body (clients need not use it). */
    Reply hashkey(String appKey, String appSecret, byte[] rawBody, JsonNode body) {
        if (appKey.isEmpty()) {
            return oauthError(new TokenRegistry.Issue.Refused(403, "EGW00102", "AppKey는 필수입니다."));
        }
        if (!tokens.appKeyMatches(appKey)) {
            return oauthError(new TokenRegistry.Issue.Refused(403, "EGW00103", "유효하지 않은 AppKey입니다."));
        }
        if (!tokens.appSecretMatches(appSecret)) {
            return oauthError(new TokenRegistry.Issue.Refused(403, "EGW00105", "유효하지 않은 AppSecret입니다."));
        }
        ObjectNode o = Json.object();
        o.set("BODY", body == null ? Json.object() : body);
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(rawBody);
            o.put("HASH", HexFormat.of().formatHex(h));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
        return Reply.json(200, o);
    }

    private static Optional<Reply> grantType(JsonNode body) {
        if (body == null || !body.isObject()) {
            return Optional.of(oauthError(new TokenRegistry.Issue.Refused(403, "EGW00101", "유효하지 않은 요청입니다.")));
        }
        String grant = Json.text(body, "grant_type");
        if (grant.isEmpty()) {
            return Optional.of(
                    oauthError(new TokenRegistry.Issue.Refused(403, "EGW00115", "권한부여 타입(grant_type)은 필수입니다.")));
        }
        if (!"client_credentials".equals(grant)) {
            return Optional.of(
                    oauthError(new TokenRegistry.Issue.Refused(403, "EGW00116", "지원하지 않는 권한부여 타입(grant_type)입니다.")));
        }
        return Optional.empty();
    }

    static Reply oauthError(TokenRegistry.Issue.Refused r) {
        ObjectNode o = Json.object();
        o.put("error_description", r.description());
        o.put("error_code", r.code());
        return Reply.json(r.status(), o);
    }
}
