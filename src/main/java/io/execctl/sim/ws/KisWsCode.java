package io.execctl.sim.ws;

/**
 * The control answers of the KIS real-time server that the simulator gives (msg_cd, rt_cd, msg1).
 * Codes and texts follow what clients observed from KIS (REFERENCE §9.1, §9.4 and public client
 * code); see docs/simulator-ws.md for the table and for which ones are the simulator's own choice.
 */
public enum KisWsCode {
    SUBSCRIBE_SUCCESS("OPSP0000", "0", "SUBSCRIBE SUCCESS"),
    UNSUBSCRIBE_SUCCESS("OPSP0001", "0", "UNSUBSCRIBE SUCCESS"),
    ALREADY_SUBSCRIBED("OPSP0002", "1", "ALREADY IN SUBSCRIBE"),
    NOT_SUBSCRIBED("OPSP0003", "1", "UNSUBSCRIBE ERROR(not found!)"),
    MAX_SUBSCRIBE_OVER("OPSP0008", "1", "MAX SUBSCRIBE OVER"),
    INVALID_APPROVAL("OPSP0011", "1", "invalid approval : NOT FOUND"),
    INVALID_TR_ID("OPSP8991", "1", "SUBSCRIBE ERROR : invalid tr_id"),
    INVALID_TR_KEY("OPSP8992", "1", "SUBSCRIBE ERROR : invalid tr_key"),
    ALREADY_IN_USE("OPSP8996", "9", "ALREADY IN USE appkey"),
    INVALID_TR_TYPE("OPSP8997", "9", "JSON PARSING ERROR : invalid tr_type"),
    INVALID_CUSTTYPE("OPSP8998", "9", "JSON PARSING ERROR : invalid custtype"),
    TR_KEY_NOT_FOUND("OPSP9990", "9", "JSON PARSING ERROR : tr_key not found"),
    INPUT_NOT_FOUND("OPSP9991", "9", "JSON PARSING ERROR : input not found"),
    BODY_NOT_FOUND("OPSP9992", "9", "JSON PARSING ERROR : body not found"),
    CUSTTYPE_NOT_FOUND("OPSP9997", "9", "JSON PARSING ERROR : custtype not found"),
    HEADER_NOT_FOUND("OPSP9998", "9", "JSON PARSING ERROR : header not found"),
    INVALID_JSON("OPSP9999", "9", "JSON PARSING ERROR : invalid json format");

    private final String msgCd;
    private final String rtCd;
    private final String msg1;

    KisWsCode(String msgCd, String rtCd, String msg1) {
        this.msgCd = msgCd;
        this.rtCd = rtCd;
        this.msg1 = msg1;
    }

    public String msgCd() {
        return msgCd;
    }

    public String rtCd() {
        return rtCd;
    }

    public String msg1() {
        return msg1;
    }
}
