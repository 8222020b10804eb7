package io.execctl.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PositionDiffTest {
    static final Instant T = Instant.parse("2026-11-24T01:00:00Z");
    static final String ACC = "50000001-01";

    static Holding holding(String symbol, long qty, String avg) {
        return new Holding(ACC, symbol, qty, new BigDecimal(avg), null, null, null, T);
    }

    static Position position(String symbol, long qty, String avg, String status) {
        return new Position(
                UUID.randomUUID(),
                ACC,
                symbol,
                "BUY",
                qty,
                avg == null ? null : new BigDecimal(avg),
                T,
                status,
                "s1",
                1,
                T);
    }

    /**
     * One symbol per case. positions: "qty@avg/STATUS;…" (blank = none); holding: qty or blank.
     */
    @ParameterizedTest(name = "[{index}] positions {0}, holding {1}, in flight {2} -> {3} {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                "10@100/OPEN        | 10 | false | OK      | OK",
                "10@100/OPEN        | 7  | false | QTY     | MISMATCH",
                "10@100/OPEN        | 12 | false | QTY     | MISMATCH",
                "10@100/OPEN        |    | false | MISSING | MISMATCH",
                "10@100/OPEN        | 0  | false | MISSING | MISMATCH", // sold, unsettled: qty 0 row
                "                   | 5  | false | EXTRA   | MISMATCH",
                "                   | 0  | false | OK      | OK", // qty-0 row without position
                "10@100/CLOSED      | 5  | false | EXTRA   | MISMATCH", // closed positions do not count
                "10@100/CLOSING     | 10 | false | OK      | OK", // closing still holds stock
                "6@100/OPEN;4@110/OPEN | 10 | false | OK    | OK", // positions of a symbol are summed
                "6@100/OPEN;4@110/OPEN | 9  | false | QTY   | MISMATCH",
                "0@100/OPEN         | 3  | false | QTY     | MISMATCH", // a position row exists: not EXTRA
                "0@100/OPEN         |    | false | OK      | OK",
                "10@100/OPEN        | 7  | true  | QTY     | PENDING",
                "10@100/OPEN        |    | true  | MISSING | PENDING",
                "                   | 5  | true  | EXTRA   | PENDING",
                "10@100/OPEN        | 10 | true  | OK      | OK",
            })
    void judgesOneSymbol(String positions, String holdingQty, boolean inFlight, MismatchKind kind, String state) {
        List<Position> ps = new ArrayList<>();
        if (positions != null) {
            for (String p : positions.split(";")) {
                String[] qtyRest = p.trim().split("@");
                String[] avgStatus = qtyRest[1].split("/");
                ps.add(position("005930", Long.parseLong(qtyRest[0]), avgStatus[0], avgStatus[1]));
            }
        }
        List<Holding> hs =
                holdingQty == null ? List.of() : List.of(holding("005930", Long.parseLong(holdingQty), "72000"));
        PositionDiff diff = PositionDiff.compare(hs, ps, inFlight ? Set.of("005930") : Set.of());

        assertThat(diff.rows()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(kind);
            String actual = r.isVerdict() ? "MISMATCH" : r.isPendingMismatch() ? "PENDING" : "OK";
            assertThat(actual).isEqualTo(state);
        });
        assertThat(diff.mismatches()).hasSize("MISMATCH".equals(state) ? 1 : 0);
        assertThat(diff.pendingMismatches()).hasSize("PENDING".equals(state) ? 1 : 0);
    }

    @Test
    void differenceIsHoldingMinusPositionAndAveragesAreWeighted() {
        PositionDiff diff = PositionDiff.compare(
                List.of(holding("005930", 9, "248750.0000")),
                List.of(position("005930", 6, "100", "OPEN"), position("005930", 4, "110", "OPEN")),
                Set.of());
        PositionDiff.Row r = diff.rows().get(0);
        assertThat(r.difference()).isEqualTo(-1);
        assertThat(r.positionAvgPrice()).isEqualByComparingTo("104");
        assertThat(r.holdingAvgPrice()).isEqualByComparingTo("248750");
    }

    @Test
    void anUnknownPositionPriceMakesTheAverageUnknown() {
        PositionDiff diff = PositionDiff.compare(
                List.of(),
                List.of(position("005930", 6, "100", "OPEN"), position("005930", 4, null, "OPEN")),
                Set.of());
        assertThat(diff.rows().get(0).positionAvgPrice()).isNull();
        assertThat(diff.rows().get(0).holdingAvgPrice()).isNull();
    }

    @Test
    void rowsAreSortedBySymbolAndCoverBothSides() {
        PositionDiff diff = PositionDiff.compare(
                List.of(holding("051910", 2, "1"), holding("005930", 10, "1")),
                List.of(position("035420", 4, "1", "OPEN"), position("005930", 10, "1", "OPEN")),
                Set.of());
        assertThat(diff.rows()).extracting(PositionDiff.Row::symbol).containsExactly("005930", "035420", "051910");
        assertThat(diff.rows())
                .extracting(PositionDiff.Row::kind)
                .containsExactly(MismatchKind.OK, MismatchKind.MISSING, MismatchKind.EXTRA);
    }

    @Test
    void aSymbolTwiceInTheHoldingsIsRefused() {
        assertThatThrownBy(() -> PositionDiff.compare(
                        List.of(holding("005930", 1, "1"), holding("005930", 2, "1")), List.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRowWhoseKindContradictsItsQuantitiesIsRefused() {
        assertThatThrownBy(() -> new PositionDiff.Row("005930", 1, 1, null, null, MismatchKind.QTY, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PositionDiff.Row("005930", 1, 2, null, null, MismatchKind.OK, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
