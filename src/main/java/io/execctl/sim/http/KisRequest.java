package io.execctl.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A /uapi request after the gateway checks.
 *
 * @param params query parameters (GET), keys as sent
 * @param body   parsed JSON body (POST), or null
 */
public record KisRequest(KisEndpoint endpoint, String trId, String trCont, Map<String, String> params, JsonNode body) {

    public String param(String name) {
        String v = params.get(name);
        return v == null ? "" : v;
    }
}
