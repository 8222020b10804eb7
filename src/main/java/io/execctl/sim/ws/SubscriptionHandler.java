package io.execctl.sim.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interprets the text messages a client sends: subscribe/unsubscribe requests (REFERENCE §9.1) and
 * PINGPONG echoes. It validates the request the way KIS does, keeps the session's registrations and
 * answers with a KIS control frame ({@link KisWsCode}). Bad input is answered, counted and logged
 * (with the approval key masked); the session stays open except for OPSP8996.
 */
final class SubscriptionHandler {
    private static final Logger log = LoggerFactory.getLogger(SubscriptionHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** KIS real-time TR ids look like H0STCNT0, H0STASP0, H0UNCNT0, H0NXCNT0, H0STCNI0 ... */
    private static final Pattern REALTIME_TR = Pattern.compile("H[0-9A-Z]{7}");

    private static final Pattern APPROVAL_VALUE = Pattern.compile("(\"approval_key\"\\s*:\\s*\")[^\"]*");

    /** What to answer to a message: a text frame, and whether the session then closes. */
    record Reply(String text, boolean closeAfter) {}

    private final WsOptions options;
    private final ApprovalKeys approvalKeys;
    private final AppKeyRegistry registry;
    private final CipherKeys cipherKeys;
    private final WsCounters counters;

    SubscriptionHandler(
            WsOptions options,
            ApprovalKeys approvalKeys,
            AppKeyRegistry registry,
            CipherKeys cipherKeys,
            WsCounters counters) {
        this.options = options;
        this.approvalKeys = approvalKeys;
        this.registry = registry;
        this.cipherKeys = cipherKeys;
        this.counters = counters;
    }

    /** Handles one complete text message; {@code null} when nothing is to be answered (a PINGPONG echo). */
    Reply handle(WsSession session, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            return bad(session, text, KisWsCode.INVALID_JSON);
        }
        JsonNode header = root.get("header");
        if (header == null || !header.isObject()) {
            return bad(session, text, KisWsCode.HEADER_NOT_FOUND);
        }
        if ("PINGPONG".equals(header.path("tr_id").asText(null))) {
            session.pingEchoed();
            return null;
        }
        JsonNode body = root.get("body");
        if (body == null || !body.isObject()) {
            return bad(session, text, KisWsCode.BODY_NOT_FOUND);
        }
        JsonNode input = body.get("input");
        if (input == null || !input.isObject()) {
            return bad(session, text, KisWsCode.INPUT_NOT_FOUND);
        }
        String custtype = str(header, "custtype");
        if (custtype == null) {
            return bad(session, text, KisWsCode.CUSTTYPE_NOT_FOUND);
        }
        if (!custtype.equals("P") && !custtype.equals("B")) {
            return bad(session, text, KisWsCode.INVALID_CUSTTYPE);
        }
        String trType = str(header, "tr_type");
        if (!"1".equals(trType) && !"2".equals(trType)) {
            return bad(session, text, KisWsCode.INVALID_TR_TYPE);
        }
        String trId = str(input, "tr_id");
        String trKey = str(input, "tr_key");
        if (trId == null || trId.isBlank()) {
            return bad(session, text, KisWsCode.INVALID_TR_ID);
        }
        if (trKey == null) {
            return bad(session, text, KisWsCode.TR_KEY_NOT_FOUND);
        }
        String approval = str(header, "approval_key");
        Optional<String> appKey =
                approval == null || approval.isBlank() ? Optional.empty() : approvalKeys.appKeyFor(approval);
        if (appKey.isEmpty()) {
            counters.rejectedRequests.increment();
            log.warn("session {}: unknown approval key for {} {}", session.id(), trId, trKey);
            return new Reply(ControlMessages.answer(trId, trKey, false, KisWsCode.INVALID_APPROVAL, null), false);
        }
        if (!registry.claim(appKey.get(), session)) {
            counters.alreadyInUse.increment();
            log.warn("session {}: app key already has a session (OPSP8996), closing this one", session.id());
            return new Reply(ControlMessages.unattributed(KisWsCode.ALREADY_IN_USE), true);
        }
        boolean notice = trId.equals(options.noticeTrId());
        if (!REALTIME_TR.matcher(trId).matches() || isOtherEnvNoticeTr(trId)) {
            return rejected(session, trId, trKey, KisWsCode.INVALID_TR_ID);
        }
        if (trKey.isBlank() || (notice && !trKey.equals(options.htsId()))) {
            return rejected(session, trId, trKey, KisWsCode.INVALID_TR_KEY);
        }
        return trType.equals("1") ? subscribe(session, trId, trKey, notice) : unsubscribe(session, trId, trKey, notice);
    }

    private Reply subscribe(WsSession session, String trId, String trKey, boolean notice) {
        Subscription existing = session.subscription(Subscription.id(trId, trKey));
        if (existing != null) {
            return rejected(session, trId, trKey, KisWsCode.ALREADY_SUBSCRIBED);
        }
        if (session.subscriptionCount() >= options.maxSubscriptions()) {
            return rejected(session, trId, trKey, KisWsCode.MAX_SUBSCRIBE_OVER);
        }
        CipherKeys.Pair keys = cipherKeys.next();
        NoticeCipher cipher = notice ? new NoticeCipher(keys.key(), keys.iv()) : null;
        session.addSubscription(new Subscription(trId, trKey, notice, keys, cipher));
        counters.subscribes.increment();
        log.info("session {}: subscribed {} {}", session.id(), trId, trKey);
        return new Reply(ControlMessages.answer(trId, trKey, notice, KisWsCode.SUBSCRIBE_SUCCESS, keys), false);
    }

    private Reply unsubscribe(WsSession session, String trId, String trKey, boolean notice) {
        Subscription removed = session.removeSubscription(Subscription.id(trId, trKey));
        if (removed == null) {
            return rejected(session, trId, trKey, KisWsCode.NOT_SUBSCRIBED);
        }
        log.info("session {}: unsubscribed {} {}", session.id(), trId, trKey);
        return new Reply(ControlMessages.answer(trId, trKey, notice, KisWsCode.UNSUBSCRIBE_SUCCESS, null), false);
    }

    private boolean isOtherEnvNoticeTr(String trId) {
        return (trId.equals("H0STCNI0") || trId.equals("H0STCNI9")) && !trId.equals(options.noticeTrId());
    }

    private Reply rejected(WsSession session, String trId, String trKey, KisWsCode code) {
        counters.rejectedRequests.increment();
        log.info("session {}: {} {} for {} {}", session.id(), code.msgCd(), code.msg1(), trId, trKey);
        return new Reply(ControlMessages.answer(trId, trKey, false, code, null), false);
    }

    private Reply bad(WsSession session, String text, KisWsCode code) {
        counters.badMessages.increment();
        log.warn("session {}: {} {}; payload: {}", session.id(), code.msgCd(), code.msg1(), redact(text));
        return new Reply(ControlMessages.unattributed(code), false);
    }

    private static String str(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /** The payload for a log line: approval key masked, at most 500 characters. */
    static String redact(String text) {
        String masked = APPROVAL_VALUE.matcher(text).replaceAll("$1****");
        return masked.length() > 500 ? masked.substring(0, 500) + "...(" + masked.length() + " chars)" : masked;
    }
}
