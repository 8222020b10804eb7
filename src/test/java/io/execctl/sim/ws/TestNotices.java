package io.execctl.sim.ws;

import java.util.Map;
import java.util.Optional;

/** Notices and approval keys shared by the WebSocket tests. */
final class TestNotices {
    static final String HTS = "demo";
    static final String APPROVAL_A = "approval-a-0001";
    static final String APPROVAL_A2 = "approval-a-0002";
    static final String APPROVAL_B = "approval-b-0001";
    static final ApprovalKeys KEYS =
            k -> Optional.ofNullable(Map.of(APPROVAL_A, "APPKEY-A", APPROVAL_A2, "APPKEY-A", APPROVAL_B, "APPKEY-B")
                    .get(k));

    private TestNotices() {}

    /** A fill notice (CNTG_YN=2) with every field distinct, so the field order can be checked. */
    static ExecutionNotice fill(String custId, String odno, int qty, long price) {
        return new ExecutionNotice(
                custId,
                "5000000101",
                odno,
                "",
                "02",
                "0",
                "00",
                "0",
                "005930",
                String.valueOf(qty),
                String.valueOf(price),
                "093015",
                "0",
                "2",
                "2",
                "06590",
                "10",
                "홍길동",
                "0",
                "1",
                "Y",
                "",
                "10",
                "",
                "삼성전자",
                "72000");
    }
}
