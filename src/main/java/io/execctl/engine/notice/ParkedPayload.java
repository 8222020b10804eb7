package io.execctl.engine.notice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.OrderKey;
import io.execctl.domain.Side;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The JSON a routed notice is parked as ({@code parked_notices.payload}) and stored with its fill
 * ({@code fills.raw}): everything {@link NoticeCommand} holds except the key and receipt, which are
 * columns of their own. Versioned ({@code v}) so a later reader can tell old rows apart.
 */
final class ParkedPayload {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ParkedPayload() {}

    static String encode(NoticeCommand c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", 1);
        n.put("action", c.action().name());
        n.put("executed_at", c.executedAt().toString());
        n.put("qty", c.qty());
        n.put("price", c.price().toPlainString());
        n.put("odno", c.odno());
        n.put("orig_odno", c.origOrderNo());
        n.put("symbol", c.symbol());
        n.put("side", c.side().name());
        n.put("ord_dvsn", c.ordDvsn());
        n.put("order_qty", c.orderQty());
        if (c.orderPrice() != null) {
            n.put("order_price", c.orderPrice().toPlainString());
        }
        n.put("received_at", c.receivedAt().toString());
        return n.toString();
    }

    /** @throws IllegalArgumentException if the payload is not one this class wrote */
    static NoticeCommand decode(OrderKey key, NoticeReceipt receipt, String payload) {
        JsonNode n;
        try {
            n = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("parked payload is not JSON", e);
        }
        if (n == null || n.path("v").asInt() != 1) {
            throw new IllegalArgumentException("parked payload of an unknown version");
        }
        return new NoticeCommand(
                key,
                NoticeAction.valueOf(text(n, "action")),
                receipt,
                Instant.parse(text(n, "executed_at")),
                number(n, "qty"),
                new BigDecimal(text(n, "price")),
                text(n, "odno"),
                text(n, "orig_odno"),
                text(n, "symbol"),
                Side.valueOf(text(n, "side")),
                text(n, "ord_dvsn"),
                number(n, "order_qty"),
                n.hasNonNull("order_price")
                        ? new BigDecimal(n.get("order_price").asText())
                        : null,
                Instant.parse(text(n, "received_at")),
                0L);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("parked payload lacks " + field);
        }
        return v.asText();
    }

    private static long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong()) {
            throw new IllegalArgumentException("parked payload lacks " + field);
        }
        return v.asLong();
    }
}
