package io.execctl.kis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Typed rows read the field names KIS puts on the wire (REFERENCE §5.1, §6.3, §7, §14.2), and a field
 * they read that is absent is an error, never 0: each row is built from the reference's names, and
 * dropping any one field the row reads must make it unreadable.
 */
class WireFieldsTest {

    /** A row type, a full row with the reference's field names, and the fields it must find. */
    record RowType(String name, Function<KisRow, ?> parser, Map<String, String> fields) {
        @Override
        public String toString() {
            return name;
        }

        KisRow row(String without) {
            ObjectNode n = ResponseClassifier.mapper().createObjectNode();
            fields.forEach((k, v) -> {
                if (!k.equals(without)) {
                    n.put(k, v);
                }
            });
            return KisRow.of(n);
        }
    }

    static Map<String, String> fields(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** inquire-daily-ccld output1 (§6.3, §14.2 wire names). */
    static final Map<String, String> DAILY = fields(
            "ord_dt",
            "20261124",
            "ord_gno_brno",
            "06590",
            "odno",
            "0000006555",
            "orgn_odno",
            "",
            "sll_buy_dvsn_cd",
            "02",
            "ord_dvsn_cd",
            "00",
            "pdno",
            "005930",
            "prdt_name",
            "삼성전자",
            "ord_qty",
            "10",
            "ord_unpr",
            "72000",
            "ord_tmd",
            "091502",
            "tot_ccld_qty",
            "4",
            "avg_prvs",
            "71950.0000",
            "tot_ccld_amt",
            "287800",
            "cncl_yn",
            "N",
            "cncl_cfrm_qty",
            "3",
            "rmn_qty",
            "3",
            "rjct_qty",
            "0",
            "ord_orgno",
            "00000",
            "excg_id_dvsn_cd",
            "KRX");

    static Stream<RowType> rowTypes() {
        return Stream.of(
                new RowType("DailyOrderRow", DailyOrderRow::parse, DAILY),
                new RowType(
                        "OpenOrder",
                        OpenOrder::parse,
                        fields(
                                "ord_gno_brno",
                                "06590",
                                "odno",
                                "0000006555",
                                "orgn_odno",
                                "",
                                "pdno",
                                "005930",
                                "sll_buy_dvsn_cd",
                                "02",
                                "ord_dvsn_cd",
                                "00",
                                "ord_qty",
                                "10",
                                "ord_unpr",
                                "72000",
                                "ord_tmd",
                                "091502",
                                "tot_ccld_qty",
                                "4",
                                "psbl_qty",
                                "6")),
                new RowType(
                        "HoldingRow",
                        HoldingRow::parse,
                        fields(
                                "pdno",
                                "005930",
                                "prdt_name",
                                "삼성전자",
                                "hldg_qty",
                                "5",
                                "ord_psbl_qty",
                                "5",
                                "pchs_avg_pric",
                                "248750.0000",
                                "pchs_amt",
                                "1243750",
                                "prpr",
                                "250000",
                                "evlu_amt",
                                "1250000",
                                "evlu_pfls_amt",
                                "6250")),
                new RowType(
                        "DailyTotals",
                        DailyTotals::parse,
                        fields(
                                "tot_ord_qty",
                                "15",
                                "tot_ccld_qty",
                                "9",
                                "tot_ccld_amt",
                                "647550",
                                "prsm_tlex_smtl",
                                "97",
                                "pchs_avg_pric",
                                "71950.0000")),
                new RowType(
                        "BalanceSummary",
                        BalanceSummary::parse,
                        fields(
                                "dnca_tot_amt",
                                "1000000",
                                "nxdy_excc_amt",
                                "1000000",
                                "prvs_rcdl_excc_amt",
                                "900000",
                                "thdt_buy_amt",
                                "0",
                                "thdt_sll_amt",
                                "0",
                                "thdt_tlex_amt",
                                "0",
                                "scts_evlu_amt",
                                "1250000",
                                "tot_evlu_amt",
                                "2150000",
                                "nass_amt",
                                "2150000",
                                "pchs_amt_smtl_amt",
                                "1243750",
                                "evlu_amt_smtl_amt",
                                "1250000",
                                "evlu_pfls_smtl_amt",
                                "6250")));
    }

    @ParameterizedTest
    @MethodSource("rowTypes")
    void aFullRowWithTheWireNamesReads(RowType t) {
        assertThat(t.parser().apply(t.row(null))).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("rowTypes")
    void droppingAnyFieldTheRowReadsIsAnErrorNeverZero(RowType t) {
        for (String field : t.fields().keySet()) {
            assertThatThrownBy(() -> t.parser().apply(t.row(field)))
                    .as("%s without %s", t, field)
                    .isInstanceOf(KisFields.MalformedFieldException.class)
                    .hasMessageStartingWith("field " + field + ": ");
        }
    }

    @Test
    void theCancelledQuantityAndExchangeAreReadFromTheWireNames() {
        DailyOrderRow r = DailyOrderRow.parse(KisRow.of(rowOf(DAILY)));
        assertThat(r.cnclCfrmQty()).isEqualTo(3);
        assertThat(r.excgIdDvsnCd()).isEqualTo("KRX");
        assertThat(r.totCcldQty() + r.cnclCfrmQty() + r.rmnQty() + r.rjctQty()).isEqualTo(r.ordQty());
    }

    @Test
    void theSampleLabelMapSpellingsAreNotReadAsTheWireFields() {
        Map<String, String> sample = new LinkedHashMap<>(DAILY);
        sample.remove("cncl_cfrm_qty");
        sample.put("cnc_cfrm_qty", "3");
        assertThatThrownBy(() -> DailyOrderRow.parse(KisRow.of(rowOf(sample))))
                .hasMessage("field cncl_cfrm_qty: missing");
        Map<String, String> exchange = new LinkedHashMap<>(DAILY);
        exchange.remove("excg_id_dvsn_cd");
        exchange.put("excg_id_dvsn_Cd", "KRX");
        assertThatThrownBy(() -> DailyOrderRow.parse(KisRow.of(rowOf(exchange))))
                .hasMessage("field excg_id_dvsn_cd: missing");
    }

    @Test
    void blankAmountsStillReadAsZeroButNullIsMissing() {
        ObjectNode n =
                ResponseClassifier.mapper().createObjectNode().put("a", " ").putNull("b");
        assertThat(KisFields.qty(KisRow.of(n), "a")).isZero();
        assertThatThrownBy(() -> KisFields.qty(KisRow.of(n), "b")).hasMessage("field b: missing");
        assertThatThrownBy(() -> KisFields.decimal(KisRow.of(n), "c")).hasMessage("field c: missing");
        assertThat(List.of(KisFields.text(KisRow.of(n), "c"))).containsExactly("");
    }

    private static ObjectNode rowOf(Map<String, String> fields) {
        ObjectNode n = ResponseClassifier.mapper().createObjectNode();
        fields.forEach(n::put);
        return n;
    }
}
