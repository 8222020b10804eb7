package io.execctl.sim.http;

/**
 * The gateway's answers, codes and texts from KIS's own error list (EGW… gateway, OPSQ… query server).
 * HTTP statuses are not documented by KIS; the simulator uses 403 for credentials, 500 for the rest, as
 * seen in captures (REFERENCE.md §10.2). Clients must branch on {@code msg_cd}, not on the status.
 */
final class GatewayCodes {
    private GatewayCodes() {}

    static Reply appKeyMissing() {
        return Reply.kis(403, "1", "EGW00102", "AppKey는 필수입니다.");
    }

    static Reply appKeyInvalid() {
        return Reply.kis(403, "1", "EGW00103", "유효하지 않은 AppKey입니다.");
    }

    static Reply appSecretMissing() {
        return Reply.kis(403, "1", "EGW00104", "AppSecret은 필수입니다.");
    }

    static Reply appSecretInvalid() {
        return Reply.kis(403, "1", "EGW00105", "유효하지 않은 AppSecret입니다.");
    }

    /** No {@code authorization: Bearer …} header. */
    static Reply credentialsType() {
        return Reply.kis(403, "1", "EGW00205", "credentials_type이 유효하지 않습니다.(Bearer)");
    }

    static Reply tokenInvalid() {
        return Reply.kis(500, "1", "EGW00121", "유효하지 않은 token 입니다.");
    }

    static Reply tokenExpired() {
        return Reply.kis(500, "1", "EGW00123", "기간이 만료된 token 입니다.");
    }

    static Reply custtypeInvalid() {
        return Reply.kis(500, "1", "EGW00208", "고객유형(custtype)이 유효하지 않습니다.");
    }

    /** A real-environment TR id sent to the paper gateway. */
    static Reply notPaperTr() {
        return Reply.kis(500, "1", "EGW00213", "모의투자 TR 이 아닙니다.");
    }

    /** A TR id (or path) that names no service here. */
    static Reply noSuchService(int status) {
        return Reply.kis(status, "1", "OPSQ0002", "없는 서비스 코드 입니다.");
    }

    static Reply rateLimited() {
        return Reply.kis(500, "1", "EGW00201", "초당 거래건수를 초과하였습니다.");
    }

    /** The {@code rest_5xx_rate} fault and the simulator's own failures: KIS's generic server error. */
    static Reply serverError() {
        return Reply.kis(500, "1", "EGW00002", "서버 에러가 발생했습니다.");
    }

    /** A body that is not a JSON object where one is required. */
    static Reply badJson() {
        return Reply.kis(500, "1", "OPSQ9997", "JSON PARSING ERROR : invalid json format");
    }

    /** A request the transport refused (malformed, too large, too slow). */
    static Reply badRequest(int status) {
        return Reply.kis(status, "1", "EGW00101", "유효하지 않은 요청입니다.");
    }
}
