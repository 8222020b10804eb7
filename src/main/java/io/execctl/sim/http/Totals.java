package io.execctl.sim.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.domain.Side;
import io.execctl.sim.market.AccountSummary;
import io.execctl.sim.market.OrderRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** The {@code output2} summaries: daily-ccld's totals over the whole result set, balance's account summary. */
final class Totals {
    private final RestConfig config;

    Totals(RestConfig config) {
        this.config = config;
    }

    ObjectNode dailyCcld(List<OrderRecord> rows) {
        long ordQty = 0;
        long ccldQty = 0;
        long ccldAmt = 0;
        long costs = 0;
        long buyQty = 0;
        long buyAmt = 0;
        for (OrderRecord o : rows) {
            ordQty += o.qty();
            ccldQty += o.filledQty();
            ccldAmt += o.filledAmount();
            if (o.side() == Side.BUY) {
                buyQty += o.filledQty();
                buyAmt += o.filledAmount();
            }
            for (OrderRecord.Execution e : o.executions()) {
                BigDecimal amount = BigDecimal.valueOf(e.qty()).multiply(BigDecimal.valueOf(e.price()));
                costs += amount.multiply(config.feeRate())
                        .setScale(0, RoundingMode.DOWN)
                        .longValueExact();
                if (o.side() == Side.SELL) {
                    costs += amount.multiply(config.taxRate())
                            .setScale(0, RoundingMode.DOWN)
                            .longValueExact();
                }
            }
        }
        ObjectNode t = Json.object();
        t.put("tot_ord_qty", Long.toString(ordQty));
        t.put("tot_ccld_qty", Long.toString(ccldQty));
        t.put("tot_ccld_amt", Long.toString(ccldAmt));
        t.put("prsm_tlex_smtl", Long.toString(costs));
        t.put(
                "pchs_avg_pric",
                buyQty == 0
                        ? "0"
                        : BigDecimal.valueOf(buyAmt)
                                .divide(BigDecimal.valueOf(buyQty), 4, RoundingMode.HALF_UP)
                                .toPlainString());
        return t;
    }

    static ObjectNode summary(AccountSummary a) {
        ObjectNode s = Json.object();
        String cash = Json.decimal(a.cash());
        long tlex =
                a.todayFees().add(a.todayTax()).setScale(0, RoundingMode.DOWN).longValueExact();
        BigDecimal total = a.cash().add(BigDecimal.valueOf(a.securitiesEvaluation()));
        s.put("dnca_tot_amt", Json.decimal(a.settledCash()));
        s.put("nxdy_excc_amt", Json.decimal(a.nextDayCash()));
        s.put("prvs_rcdl_excc_amt", cash);
        s.put("cma_evlu_amt", "0");
        s.put("bfdy_buy_amt", "0");
        s.put("thdt_buy_amt", Long.toString(a.todayBuyAmount()));
        s.put("nxdy_auto_rdpt_amt", "0");
        s.put("bfdy_sll_amt", "0");
        s.put("thdt_sll_amt", Long.toString(a.todaySellAmount()));
        s.put("d2_auto_rdpt_amt", "0");
        s.put("bfdy_tlex_amt", "0");
        s.put("thdt_tlex_amt", Long.toString(tlex));
        s.put("tot_loan_amt", "0");
        s.put("scts_evlu_amt", Long.toString(a.securitiesEvaluation()));
        s.put("tot_evlu_amt", Json.decimal(total));
        s.put("nass_amt", Json.decimal(total));
        s.put("fncg_gld_auto_rdpt_yn", "N");
        s.put("pchs_amt_smtl_amt", Long.toString(a.purchaseAmountTotal()));
        s.put("evlu_amt_smtl_amt", Long.toString(a.securitiesEvaluation()));
        s.put("evlu_pfls_smtl_amt", Long.toString(a.securitiesEvaluation() - a.purchaseAmountTotal()));
        s.put("tot_stln_slng_chgs", "0");
        s.put("bfdy_tot_asst_evlu_amt", "0");
        s.put("asst_icdc_amt", "0");
        s.put("asst_icdc_erng_rt", "0.00000000");
        return s;
    }
}
