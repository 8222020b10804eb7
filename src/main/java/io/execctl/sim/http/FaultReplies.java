package io.execctl.sim.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answers of the REST faults that KIS itself produces, with KIS's codes and texts (REFERENCE.md §10.3,
 * §14.2; KIS's gateway error list).
 */
final class FaultReplies {
    private FaultReplies() {}

    static final String HTML_502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            + "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n";

    static final String HTML_504 = "<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n"
            + "<center><h1>504 Gateway Time-out</h1></center>\r\n</body>\r\n</html>\r\n";

    /**
     * The gateway timed out on a request it passed on (fault order_gateway_timeout_after_accept): the order
     * or cancel was executed, the client cannot know. One of HTTP 500 {@code EGW00301} / {@code EGW00302}
     * ("…직전 거래를 반드시 확인하세요") or a 502 / 504 HTML page, chosen by the seeded dice.
     */
    static Reply gatewayTimeoutAfterAccept(Dice dice) {
        return switch ((int) Math.floorMod(dice.nextLong(), 4L)) {
            case 0 -> Reply.kis(500, "1", "EGW00301", "연결 시간이 초과되었습니다. 직전 거래를 반드시 확인하세요.");
            case 1 -> Reply.kis(500, "1", "EGW00302", "거래시간이 초과되었습니다. 직전 거래를 반드시 확인하세요.");
            case 2 -> Reply.html(502, HTML_502);
            default -> Reply.html(504, HTML_504);
        };
    }

    /**
     * A first inquiry page refused as KIS does now and then (fault data_changed_first_page): {@code SYDB0050}
     * "data changed, query again" or {@code EGW00316} "조회 처리 중 오류 … 재 조회 수행 부탁드립니다"
     * (HTTP 500). Both are transient: the same request again works.
     */
    static Reply dataChangedFirstPage(Dice dice) {
        if (Math.floorMod(dice.nextLong(), 2L) == 0) {
            return Reply.kis(200, "1", Paging.DATA_CHANGED_CODE, Paging.DATA_CHANGED_MSG);
        }
        return Reply.kis(500, "1", "EGW00316", "조회 처리 중 오류 발생하였습니다. 재 조회 수행 부탁드립니다.");
    }

    /**
     * Paper's daily-ccld answer with no rows (fault paper_ccld_empty): {@code rt_cd "0"}, {@code 70070000},
     * an empty {@code output1} and the correct {@code output2} totals, last page (REFERENCE.md §6).
     */
    static Reply paperCcldEmpty(ObjectNode totals) {
        ObjectNode body = Json.object();
        body.put("ctx_area_fk100", "");
        body.put("ctx_area_nk100", "");
        body.put("rt_cd", "0");
        body.put("msg_cd", "70070000");
        body.put("msg1", "조회할 내역(자료)이 없습니다.");
        body.putArray("output1");
        body.set("output2", totals);
        return Reply.json(200, body, "D");
    }
}
