package io.execctl.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execctl.domain.Holding;
import io.execctl.domain.Position;
import io.execctl.domain.PositionDiff;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PositionsReportWriterTest {
    static final Instant T = Instant.parse("2026-11-24T01:00:00Z");
    static final String ACC = "50000001-01";

    static PositionsReport sample() {
        List<Holding> holdings = List.of(
                new Holding(ACC, "005930", 10, new BigDecimal("72000.0000"), null, null, null, T),
                new Holding(ACC, "000660", 5, new BigDecimal("180500.5000"), null, null, null, T),
                new Holding(ACC, "051910", 2, new BigDecimal("390000"), null, null, null, T),
                new Holding(ACC, "068270", 1, new BigDecimal("175000"), null, null, null, T));
        List<Position> positions = List.of(
                position("005930", 10, "72000"),
                position("000660", 3, "180000"),
                position("035420", 4, null),
                position("068270", 2, "175000"));
        PositionDiff diff = PositionDiff.compare(holdings, positions, Set.of("068270"));
        return new PositionsReport(diff, Optional.of(T), T.plusSeconds(5), Duration.ofSeconds(30));
    }

    static Position position(String symbol, long qty, String avg) {
        return new Position(
                UUID.randomUUID(),
                ACC,
                symbol,
                "BUY",
                qty,
                avg == null ? null : new BigDecimal(avg),
                T,
                "OPEN",
                "s",
                1,
                T);
    }

    @Test
    void csvHasAHeaderAndOneLinePerSymbol() {
        assertThat(PositionsReportWriter.csv(sample()).lines().toList())
                .containsExactly(
                        "symbol,position_qty,holding_qty,difference,position_avg_price,holding_avg_price,kind,state",
                        "000660,3,5,2,180000,180500.5,QTY,MISMATCH",
                        "005930,10,10,0,72000,72000,OK,OK",
                        "035420,4,0,-4,,,MISSING,MISMATCH",
                        "051910,0,2,2,,390000,EXTRA,MISMATCH",
                        "068270,2,1,-1,175000,175000,QTY,PENDING");
    }

    @Test
    void jsonCarriesTheRowsAndTheContext() throws Exception {
        JsonNode n = new ObjectMapper().readTree(PositionsReportWriter.json(sample()));
        assertThat(n.path("holdings_synced_at").asText()).isEqualTo("2026-11-24T01:00:00Z");
        assertThat(n.path("quiet_period_seconds").asLong()).isEqualTo(30);
        assertThat(n.path("mismatches").asInt()).isEqualTo(3);
        assertThat(n.path("pending").asInt()).isEqualTo(1);
        assertThat(n.path("rows")).hasSize(5);
        JsonNode first = n.path("rows").get(0);
        assertThat(first.toString())
                .isEqualTo("{\"symbol\":\"000660\",\"position_qty\":3,\"holding_qty\":5,\"difference\":2,"
                        + "\"position_avg_price\":180000,\"holding_avg_price\":180500.5,\"kind\":\"QTY\","
                        + "\"state\":\"MISMATCH\"}");
        assertThat(n.path("rows").get(2).path("position_avg_price").isNull()).isTrue();
        assertThat(PositionsReportWriter.json(sample())).doesNotContain("E+");
    }

    @Test
    void tableShowsEveryColumnAndASummary() {
        StringWriter w = new StringWriter();
        PositionsReportWriter.write(sample(), ReportFormat.TABLE, new PrintWriter(w));
        String out = w.toString();
        assertThat(out).contains("holdings synced at: 2026-11-24T01:00:00Z");
        for (String column : PositionsReportWriter.COLUMNS) {
            assertThat(out).contains(column);
        }
        assertThat(out)
                .contains("MISSING")
                .contains("EXTRA")
                .contains("PENDING")
                .contains("180500.5");
        assertThat(out.strip()).endsWith("3 mismatches, 1 pending (fills in flight; rechecked next run)");
    }

    @Test
    void formatsParseCaseInsensitively() {
        assertThat(ReportFormat.parse("Csv")).isEqualTo(ReportFormat.CSV);
        assertThat(ReportFormat.parse("json")).isEqualTo(ReportFormat.JSON);
    }
}
