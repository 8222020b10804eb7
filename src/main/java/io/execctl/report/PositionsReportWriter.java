package io.execctl.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.domain.PositionDiff;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Prints a {@link PositionsReport}. Table and CSV are built on tablesaw (the design card's choice for
 * tabular output); JSON is one object with the rows and the report's context. Prices are printed as
 * plain decimals (never floating point), an unknown price as an empty cell / JSON null.
 */
public final class PositionsReportWriter {
    /** The columns, in order (CSV header and JSON row keys). */
    public static final List<String> COLUMNS = List.of(
            "symbol",
            "position_qty",
            "holding_qty",
            "difference",
            "position_avg_price",
            "holding_avg_price",
            "kind",
            "state");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private PositionsReportWriter() {}

    /** OK, MISMATCH (a verdict) or PENDING (a mismatch seen while fills were in flight). */
    public static String state(PositionDiff.Row r) {
        if (r.isVerdict()) {
            return "MISMATCH";
        }
        return r.isPendingMismatch() ? "PENDING" : "OK";
    }

    public static void write(PositionsReport report, ReportFormat format, PrintWriter out) {
        switch (format) {
            case TABLE -> writeTable(report, out);
            case CSV -> out.print(csv(report));
            case JSON -> out.println(json(report));
        }
        out.flush();
    }

    /** The rows as a tablesaw table (one row per symbol with a position or a holding). */
    public static Table table(PositionsReport report) {
        StringColumn symbol = StringColumn.create(COLUMNS.get(0));
        LongColumn positionQty = LongColumn.create(COLUMNS.get(1));
        LongColumn holdingQty = LongColumn.create(COLUMNS.get(2));
        LongColumn difference = LongColumn.create(COLUMNS.get(3));
        StringColumn positionAvg = StringColumn.create(COLUMNS.get(4));
        StringColumn holdingAvg = StringColumn.create(COLUMNS.get(5));
        StringColumn kind = StringColumn.create(COLUMNS.get(6));
        StringColumn state = StringColumn.create(COLUMNS.get(7));
        for (PositionDiff.Row r : report.diff().rows()) {
            symbol.append(r.symbol());
            positionQty.append(r.positionQty());
            holdingQty.append(r.holdingQty());
            difference.append(r.difference());
            positionAvg.append(plain(r.positionAvgPrice()));
            holdingAvg.append(plain(r.holdingAvgPrice()));
            kind.append(r.kind().name());
            state.append(state(r));
        }
        return Table.create(
                "diff-positions", symbol, positionQty, holdingQty, difference, positionAvg, holdingAvg, kind, state);
    }

    private static void writeTable(PositionsReport report, PrintWriter out) {
        out.println("holdings synced at: "
                + report.holdingsSyncedAt().map(Object::toString).orElse("never (run: execctl sync holdings)"));
        out.println("quiet period: " + report.quietPeriod().toSeconds() + " s");
        Table t = table(report);
        if (t.rowCount() == 0) {
            out.println("no holdings and no open positions");
        } else {
            out.println(t.printAll());
        }
        out.println(summary(report));
    }

    /** One line: how many mismatches, how many pending. */
    public static String summary(PositionsReport report) {
        int m = report.diff().mismatches().size();
        int p = report.diff().pendingMismatches().size();
        return m + " mismatch" + (m == 1 ? "" : "es") + ", " + p + " pending (fills in flight; rechecked next run)";
    }

    /** CSV with a header line; empty cells for unknown prices. */
    public static String csv(PositionsReport report) {
        StringWriter w = new StringWriter();
        table(report).write().csv(w);
        return w.toString();
    }

    public static String json(PositionsReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("generated_at", report.generatedAt().toString());
        root.put(
                "holdings_synced_at",
                report.holdingsSyncedAt().map(Object::toString).orElse(null));
        root.put("quiet_period_seconds", report.quietPeriod().toSeconds());
        root.put("mismatches", report.diff().mismatches().size());
        root.put("pending", report.diff().pendingMismatches().size());
        ArrayNode rows = root.putArray("rows");
        for (PositionDiff.Row r : report.diff().rows()) {
            ObjectNode o = rows.addObject();
            o.put("symbol", r.symbol());
            o.put("position_qty", r.positionQty());
            o.put("holding_qty", r.holdingQty());
            o.put("difference", r.difference());
            o.put("position_avg_price", normal(r.positionAvgPrice()));
            o.put("holding_avg_price", normal(r.holdingAvgPrice()));
            o.put("kind", r.kind().name());
            o.put("state", state(r));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String plain(BigDecimal d) {
        return d == null ? "" : normal(d).toPlainString();
    }

    /** 248750.0000 and 248750 are the same price: print the shortest form. */
    private static BigDecimal normal(BigDecimal d) {
        if (d == null) {
            return null;
        }
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
