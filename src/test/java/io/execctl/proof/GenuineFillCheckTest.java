package io.execctl.proof;

import io.execctl.proof.DbFacts.DbFill;
import io.execctl.proof.DbFacts.DbOrder;
import io.execctl.proof.Violation.Rule;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A voided duplicate passes; a voided real execution papered over by an INFERRED fill is found. */
class GenuineFillCheckTest {
    private static final String ORDER = "20261124-0000000001";

    private static BrokerLedger ledger() {
        String json = """
                {"account":"50000001-01","cash":"1","holdings":[],
                 "orders":[{"order_date":"20261124","branch":"06590","odno":"0000000001","orig_odno":"",
                   "symbol":"005930","side":"BUY","ord_dvsn":"01","qty":10,"price":"0","status":"FILLED",
                   "filled_qty":10,"cancelled_qty":0,"source":"API",
                   "executions":[{"qty":3,"price":"72000","time":"090000"},{"qty":7,"price":"72100","time":"090001"}]}]}""";
        return LedgerReader.parse(json);
    }

    private static DbFill fill(long qty, String price, String source, boolean voided) {
        BigDecimal p = new BigDecimal(price);
        return new DbFill(UUID.randomUUID(), ORDER, qty, p, p.multiply(BigDecimal.valueOf(qty)), source, null, voided);
    }

    private static DbFacts facts(List<DbFill> fills) {
        DbOrder o = new DbOrder(
                ORDER,
                LocalDate.of(2026, 11, 24),
                "0000000001",
                null,
                null,
                "INTENT",
                "005930",
                "BUY",
                10,
                "FILLED",
                10,
                10,
                new BigDecimal("720700"));
        return new DbFacts(List.of(o), fills, List.of(), List.of());
    }

    @Test
    void aVoidedDuplicateIsNotAGenuineFill() {
        List<DbFill> fills =
                List.of(fill(3, "72000", "WS", false), fill(7, "72100", "WS", false), fill(7, "72100", "WS", true));
        assertThat(GenuineFillCheck.check(ledger(), facts(fills))).isEmpty();
    }

    @Test
    void aVoidedExecutionReplacedByAnInferredFillIsFound() {
        List<DbFill> fills = List.of(
                fill(3, "72000", "WS", false), fill(7, "72100", "WS", true), fill(7, "72100", "INFERRED", false));
        assertThat(GenuineFillCheck.check(ledger(), facts(fills)))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.rule()).isEqualTo(Rule.GENUINE_FILL_VOIDED);
                    assertThat(v.rows()).anyMatch(r -> r.contains("VOIDED"));
                });
    }
}
