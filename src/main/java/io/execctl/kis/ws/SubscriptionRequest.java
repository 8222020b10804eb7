package io.execctl.kis.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.domain.Secret;
import java.util.Objects;

/**
 * The subscribe / unsubscribe text frame (REFERENCE.md §9.1):
 * <pre>{"header":{"approval_key":"…","custtype":"P","tr_type":"1","content-type":"utf-8"},
 *  "body":{"input":{"tr_id":"H0STCNI0","tr_key":"&lt;HTS id&gt;"}}}</pre>
 * {@code tr_type} is {@code 1} to subscribe and {@code 2} to unsubscribe. The JSON carries the
 * approval key, so it goes to the socket only, never to a log; {@link #toString()} masks it.
 */
public record SubscriptionRequest(Secret approvalKey, String custType, boolean subscribe, String trId, String trKey) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SubscriptionRequest {
        Objects.requireNonNull(approvalKey, "approvalKey");
        Objects.requireNonNull(custType, "custType");
        Objects.requireNonNull(trId, "trId");
        Objects.requireNonNull(trKey, "trKey");
    }

    public static SubscriptionRequest subscribe(Secret approvalKey, String custType, String trId, String htsId) {
        return new SubscriptionRequest(approvalKey, custType, true, trId, htsId);
    }

    public static SubscriptionRequest unsubscribe(Secret approvalKey, String custType, String trId, String htsId) {
        return new SubscriptionRequest(approvalKey, custType, false, trId, htsId);
    }

    /** The frame text, fields in KIS's order. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode header = root.putObject("header");
        header.put("approval_key", approvalKey.reveal());
        header.put("custtype", custType);
        header.put("tr_type", subscribe ? "1" : "2");
        header.put("content-type", "utf-8");
        ObjectNode input = root.putObject("body").putObject("input");
        input.put("tr_id", trId);
        input.put("tr_key", trKey);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the subscription frame", e);
        }
    }

    @Override
    public String toString() {
        return "SubscriptionRequest[" + (subscribe ? "subscribe " : "unsubscribe ") + trId + "]";
    }
}
