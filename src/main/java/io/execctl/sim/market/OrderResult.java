package io.execctl.sim.market;

/** The broker's answer to an order or revise/cancel request, as KIS words it. */
public sealed interface OrderResult {

    /** Accepted: {@code output {KRX_FWDG_ORD_ORGNO, ODNO, ORD_TMD}} with the environment's success msg_cd/msg1. */
    record Accepted(String branch, String odno, String ordTmd, String msgCd, String msg1) implements OrderResult {}

    /** A business rejection: HTTP 200, {@code rt_cd "1"}, with KIS's msg_cd/msg1 for the environment. */
    record Rejected(String msgCd, String msg1) implements OrderResult {}
}
