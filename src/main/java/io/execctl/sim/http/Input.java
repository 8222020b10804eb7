package io.execctl.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.execctl.domain.KoreaTime;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Shape checks of a trading request's body and query string; a failed check throws {@link BadRequest}
 * carrying KIS's input-error code, so an endpoint reads as a list of its fields.
 */
final class Input {
    /** Input errors, codes of KIS's query server (OPSQ…); KIS answers them with {@code rt_cd "2"}. */
    static final String ACCOUNT_INVALID = "OPSQ2000";

    static final String FIELD_MISSING = "OPSQ2001";
    static final String FIELD_INVALID = "OPSQ2002";

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private Input() {}

    static final String RT_CD = "2";

    /** A request refused for its shape, with the code and message KIS answers ({@code rt_cd "2"}). */
    static final class BadRequest extends RuntimeException {
        final String msgCd;

        BadRequest(String msgCd, String msg) {
            super(msg, null, false, false);
            this.msgCd = msgCd;
        }
    }

    /** String.matches with the pattern compiled once. */
    static boolean matches(String value, String regex) {
        return PATTERNS.computeIfAbsent(regex, Pattern::compile).matcher(value).matches();
    }

    static String orDefault(String v, String def) {
        return v == null || v.isBlank() ? def : v.trim();
    }

    static void check(KisRequest req, String name, String regex) {
        String v = req.param(name).trim();
        if (!v.isEmpty() && !matches(v, regex)) {
            throw invalid(name);
        }
    }

    static LocalDate date(KisRequest req, String name) {
        String v = req.param(name).trim();
        if (v.isEmpty()) {
            throw missing(name);
        }
        try {
            return KoreaTime.parseDate(v);
        } catch (IllegalArgumentException e) {
            throw invalid(name);
        }
    }

    static void account(RestConfig config, String cano, String prdt) {
        if (!config.cano().equals(cano == null ? "" : cano.trim())
                || !config.productCode().equals(prdt == null ? "" : prdt.trim())) {
            throw new BadRequest(ACCOUNT_INVALID, "ERROR : INPUT INVALID_CHECK_ACNO");
        }
    }

    static JsonNode body(KisRequest req) {
        if (req.body() == null || !req.body().isObject()) {
            throw new BadRequest(FIELD_MISSING, "ERROR INPUT FIELD NOT FOUND [BODY]");
        }
        return req.body();
    }

    static String str(JsonNode b, String field, boolean required) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw missing(field);
            }
            return "";
        }
        if (!v.isTextual()) {
            throw invalid(field);
        }
        return v.asText();
    }

    static String digits(JsonNode b, String field, int len) {
        String v = str(b, field, true);
        if (!matches(v, "\\d+") || (len > 0 && v.length() != len) || v.length() > 10) {
            throw invalid(field);
        }
        return v;
    }

    static long number(JsonNode b, String field) {
        String v = digits(b, field, -1);
        return Long.parseLong(v);
    }

    /**
     * Every long-standing query key of the endpoint must be present, even blank ({@code &OFL_YN=&}) or
     * without a value ({@code &CTX_AREA_FK100&}); KIS refuses a missing one rather than defaulting it.
     */
    static void required(KisRequest req) {
        for (String key : req.endpoint().requiredKeys()) {
            if (!req.params().containsKey(key)) {
                throw missing(key);
            }
        }
    }

    static void exchange(JsonNode b) {
        String ex = str(b, "EXCG_ID_DVSN_CD", false);
        if (!ex.isEmpty() && !ex.equals("KRX") && !ex.equals("SOR") && !ex.equals("NXT")) {
            throw invalid("EXCG_ID_DVSN_CD");
        }
    }

    static BadRequest missing(String field) {
        return new BadRequest(FIELD_MISSING, "ERROR INPUT FIELD NOT FOUND [" + field + "]");
    }

    static BadRequest invalid(String field) {
        return new BadRequest(FIELD_INVALID, "ERROR : INPUT INVALID_CHECK_FIELD_LENGTH [" + field + "]");
    }
}
