package io.execctl.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class IntentMapperTest {

    static Intent intent(String type, long qty, String orderType, String price, String symbol) {
        return new Intent(
                UUID.randomUUID(),
                UUID.randomUUID(),
                null,
                symbol,
                type,
                qty,
                orderType,
                price == null ? null : new BigDecimal(price),
                "TP1",
                "key-" + UUID.randomUUID(),
                "NEW",
                Instant.EPOCH,
                Instant.EPOCH);
    }

    @ParameterizedTest
    @CsvSource({
        "ENTRY,MKT,,BUY,01,0",
        "ENTRY,LMT,72000,BUY,00,72000",
        "EXIT_PARTIAL,MKT,,SELL,01,0",
        "EXIT_FULL,MKT,,SELL,01,0",
        "EXIT_FULL,LMT,49950,SELL,00,49950",
        "EXIT_PARTIAL,LMT,72000.00,SELL,00,72000"
    })
    void mapsByTheDesignTableWithErrataCodes(
            String type, String orderType, String price, Side side, String ordDvsn, String unpr) {
        var r = IntentMapper.map(intent(type, 10, orderType, price, "005930"));
        assertThat(r).isInstanceOf(IntentMapper.Mapped.class);
        OrderRequest req = ((IntentMapper.Mapped) r).request();
        assertThat(req.side()).isEqualTo(side);
        assertThat(req.ordDvsn()).isEqualTo(ordDvsn);
        assertThat(req.ordUnpr()).isEqualTo(unpr);
        assertThat(req.qty()).isEqualTo(10);
        assertThat(req.symbol()).isEqualTo("005930");
    }

    @ParameterizedTest
    @CsvSource({
        "ENTRY,0,MKT,,005930,BAD_QTY",
        "ENTRY,-5,MKT,,005930,BAD_QTY",
        "ENTRY,10,LMT,,005930,MISSING_PRICE",
        "ENTRY,10,LMT,0,005930,BAD_PRICE",
        "ENTRY,10,LMT,-100,005930,BAD_PRICE",
        "ENTRY,10,LMT,72050,005930,OFF_TICK",
        "ENTRY,10,LMT,72000.5,005930,OFF_TICK",
        "ENTRY,10,MKT,72000,005930,PRICE_ON_MARKET",
        "REENTRY,10,MKT,,005930,BAD_INTENT_TYPE",
        ",10,MKT,,005930,BAD_INTENT_TYPE",
        "ENTRY,10,STOP,,005930,BAD_ORDER_TYPE",
        "ENTRY,10,mkt,,005930,BAD_ORDER_TYPE",
        "ENTRY,10,MKT,,05930,BAD_SYMBOL",
        "ENTRY,10,MKT,,0059300,BAD_SYMBOL",
        "ENTRY,10,MKT,,,BAD_SYMBOL"
    })
    void invalidIntentsAreRejectedWithAPreciseReason(
            String type, long qty, String orderType, String price, String symbol, String code) {
        var r = IntentMapper.map(intent(type, qty, orderType, price, symbol));
        assertThat(r).isInstanceOf(IntentMapper.Rejected.class);
        var rej = (IntentMapper.Rejected) r;
        assertThat(rej.code()).isEqualTo(code);
        assertThat(rej.reason()).isNotBlank();
    }

    @Test
    void offTickReasonNamesTheTick() {
        var r = (IntentMapper.Rejected) IntentMapper.map(intent("ENTRY", 1, "LMT", "72050", "005930"));
        assertThat(r.reason()).contains("72050").contains("tick 100");
    }

    @Test
    void zeroLimitPriceOnMarketIsAccepted() {
        assertThat(IntentMapper.map(intent("ENTRY", 1, "MKT", "0", "005930"))).isInstanceOf(IntentMapper.Mapped.class);
    }
}
