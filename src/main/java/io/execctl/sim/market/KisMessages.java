package io.execctl.sim.market;

import io.execctl.domain.KisEnv;
import io.execctl.domain.Side;

/**
 * The business answers of the simulated broker, with the code and Korean text KIS uses in each
 * environment. Codes observed on the real API are used where known (REFERENCE.md §3.3, §4, §10.3);
 * the others are the simulator's choice in the same style (documented in docs/simulator-market.md).
 */
public enum KisMessages {
    ORDER_ACCEPTED_BUY("APBK0013", "주문 전송 완료 되었습니다.", "40600000", "모의투자 매수주문이 완료 되었습니다."),
    ORDER_ACCEPTED_SELL("APBK0013", "주문 전송 완료 되었습니다.", "40600000", "모의투자 매도주문이 완료 되었습니다."),
    MODIFY_ACCEPTED("APBK0013", "주문 전송 완료 되었습니다.", "40620000", "모의투자 정정주문이 완료 되었습니다."),
    CANCEL_ACCEPTED("APBK0013", "주문 전송 완료 되었습니다.", "40630000", "모의투자 취소주문이 완료 되었습니다."),
    /** Outside market hours: {@code APBK0918} (APBK0919 is "장운영일자가 주문일과 상이합니다", REFERENCE.md §14.2). */
    MARKET_CLOSED("APBK0918", "장운영시간이 아닙니다.(주문불가)", "40580000", "모의투자 장운영시간이 아닙니다."),
    UNKNOWN_SYMBOL("APBK0656", "해당 종목정보가 없습니다.", "40070000", "모의투자 해당 종목정보가 없습니다."),
    ORD_DVSN_NOT_ALLOWED("APBK0509", "주문구분 오류입니다.", "40100000", "모의투자에서는 해당 주문구분을 사용할 수 없습니다."),
    INVALID_QTY("APBK0405", "주문수량을 확인하세요.", "40050000", "모의투자 주문수량을 확인하세요."),
    MARKET_PRICE_NOT_ZERO("APBK0533", "시장가 주문은 주문단가를 0으로 입력하세요.", "40060000", "모의투자 시장가 주문은 주문단가를 0으로 입력하세요."),
    TICK_ERROR("APBK0634", "호가단위 오류입니다.", "40270000", "모의투자 호가단위 오류입니다."),
    PRICE_BAND("APBK0635", "상/하한가 범위를 벗어났습니다.", "40280000", "모의투자 상/하한가 범위를 벗어났습니다."),
    /** KIS reuses APBK0918 for cash and quantity refusals, told apart only by {@code msg1}. */
    INSUFFICIENT_CASH("APBK0918", "주문가능금액을 초과 했습니다", "40240000", "모의투자 주문가능금액을 초과 했습니다"),
    INSUFFICIENT_QTY("APBK0918", "주문가능수량을 초과 했습니다", "40250000", "모의투자 주문가능수량을 초과 했습니다"),
    ORIGINAL_NOT_FOUND("APBK0558", "원주문번호가 존재하지 않습니다.", "40320000", "원주문번호가 존재하지 않습니다"),
    NOTHING_TO_REVISE("APBK0559", "정정/취소할 수량이 없습니다.", "40330000", "모의투자 정정/취소할 수량이 없습니다"),
    CANCEL_QTY_EXCEEDED("APBK0560", "취소수량이 취소가능수량을 초과합니다.", "40430000", "취소수량이 취소가능수량을 초과합니다"),
    /** For the HTTP layer: CANO/ACNT_PRDT_CD is not the simulated account. */
    INVALID_ACCOUNT("OPSQ2000", "ERROR : INPUT INVALID_CHECK_ACNO", "OPSQ2000", "ERROR : INPUT INVALID_CHECK_ACNO");

    private final String realCode;
    private final String realMessage;
    private final String paperCode;
    private final String paperMessage;

    KisMessages(String realCode, String realMessage, String paperCode, String paperMessage) {
        this.realCode = realCode;
        this.realMessage = realMessage;
        this.paperCode = paperCode;
        this.paperMessage = paperMessage;
    }

    public String code(KisEnv env) {
        return env == KisEnv.PAPER ? paperCode : realCode;
    }

    public String message(KisEnv env) {
        return env == KisEnv.PAPER ? paperMessage : realMessage;
    }

    /** This answer as a rejection in {@code env}. */
    public OrderResult.Rejected rejected(KisEnv env) {
        return new OrderResult.Rejected(code(env), message(env));
    }

    /** The acceptance answer for a new order on {@code side}. */
    public static KisMessages accepted(Side side) {
        return side == Side.BUY ? ORDER_ACCEPTED_BUY : ORDER_ACCEPTED_SELL;
    }
}
