package io.execctl.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A plain listing (the {@code orders} and {@code fills} commands): named columns, each a whole-number
 * column (quantities) or a text column (ids, statuses, prices as plain decimals), printed as an
 * aligned tablesaw table, tablesaw CSV, or a JSON array of objects (numbers as numbers, an unknown
 * value as null). Decimals are never floating point.
 */
public final class Listing {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /** A column: its name and whether it holds whole numbers. */
    public record Col(String name, boolean number) {}

    private final String title;
    private final List<Col> cols;
    private final List<Object[]> rows = new ArrayList<>();

    public Listing(String title, List<Col> cols) {
        this.title = Objects.requireNonNull(title, "title");
        this.cols = List.copyOf(cols);
    }

    /** Adds a row: a {@code Long} for a number column, a {@code String}/{@code BigDecimal}/other or null for text. */
    public Listing add(Object... values) {
        if (values.length != cols.size()) {
            throw new IllegalArgumentException("expected " + cols.size() + " values, got " + values.length);
        }
        rows.add(values.clone());
        return this;
    }

    public int size() {
        return rows.size();
    }

    public Table table() {
        List<Column<?>> columns = new ArrayList<>();
        for (int c = 0; c < cols.size(); c++) {
            Col col = cols.get(c);
            if (col.number()) {
                LongColumn lc = LongColumn.create(col.name());
                for (Object[] r : rows) {
                    if (r[c] == null) {
                        lc.appendMissing();
                    } else {
                        lc.append(((Number) r[c]).longValue());
                    }
                }
                columns.add(lc);
            } else {
                StringColumn sc = StringColumn.create(col.name());
                for (Object[] r : rows) {
                    sc.append(text(r[c]));
                }
                columns.add(sc);
            }
        }
        return Table.create(title, columns.toArray(new Column<?>[0]));
    }

    public void write(ReportFormat format, PrintWriter out) {
        switch (format) {
            case TABLE -> out.println(rows.isEmpty() ? "no " + title : table().printAll());
            case CSV -> out.print(csv());
            case JSON -> out.println(json());
        }
        out.flush();
    }

    public String csv() {
        StringWriter w = new StringWriter();
        table().write().csv(w);
        return w.toString();
    }

    public String json() {
        ArrayNode arr = JSON.createArrayNode();
        for (Object[] r : rows) {
            ObjectNode o = arr.addObject();
            for (int c = 0; c < cols.size(); c++) {
                Object v = r[c];
                String name = cols.get(c).name();
                if (v == null) {
                    o.putNull(name);
                } else if (v instanceof Number n && !(v instanceof BigDecimal)) {
                    o.put(name, n.longValue());
                } else if (v instanceof BigDecimal d) {
                    o.put(name, normal(d));
                } else if (v instanceof Boolean b) {
                    o.put(name, b);
                } else {
                    o.put(name, v.toString());
                }
            }
        }
        try {
            return JSON.writeValueAsString(arr);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        return v instanceof BigDecimal d ? normal(d).toPlainString() : v.toString();
    }

    /** 72000.0000 and 72000 are the same price: the shortest form. */
    static BigDecimal normal(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
