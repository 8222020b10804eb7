package io.execctl.kis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One call to KIS before it is sent: the operation, its TR id, the parameters (query string for GET,
 * JSON body for POST, both in KIS's field order with string values) and the pagination header.
 * The access token is added by the client at send time.
 *
 * @param operation the endpoint
 * @param trId      TR id ({@code ""} for OAuth calls)
 * @param params    UPPERCASE KIS fields → string values, in order
 * @param trCont    request {@code tr_cont}: {@code ""} first page, {@code N} next page
 */
public record KisRequest(KisOperation operation, String trId, Map<String, String> params, String trCont) {
    public KisRequest {
        Objects.requireNonNull(operation, "operation");
        trId = trId == null ? "" : trId;
        trCont = trCont == null ? "" : trCont;
        Map<String, String> copy = new LinkedHashMap<>();
        Objects.requireNonNull(params, "params")
                .forEach((k, v) -> copy.put(Objects.requireNonNull(k), v == null ? "" : v));
        params = Collections.unmodifiableMap(copy);
    }

    public static KisRequest of(KisOperation operation, String trId, Map<String, String> params) {
        return new KisRequest(operation, trId, params, "");
    }

    /** The same request for the next page: {@code tr_cont: N} and the continuation keys replaced. */
    public KisRequest nextPage(String ctxFk100, String ctxNk100) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put("CTX_AREA_FK100", ctxFk100);
        p.put("CTX_AREA_NK100", ctxNk100);
        return new KisRequest(operation, trId, p, "N");
    }

    /** The same request from the first page again (keys blank, {@code tr_cont} blank). */
    public KisRequest firstPage() {
        Map<String, String> p = new LinkedHashMap<>(params);
        if (p.containsKey("CTX_AREA_FK100")) {
            p.put("CTX_AREA_FK100", "");
        }
        if (p.containsKey("CTX_AREA_NK100")) {
            p.put("CTX_AREA_NK100", "");
        }
        return new KisRequest(operation, trId, p, "");
    }
}
