package io.execctl.kis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row object of a KIS inquiry page ({@code output1[i]}, {@code output[i]}), held flat: its field
 * names and their values as sent (KIS sends every value as a string). An inquiry page has thousands
 * of such fields; holding them flat instead of as a Jackson tree halves the work and the garbage of
 * reading a page ({@link BodyReader}), and the row's JSON text is only cut out of the page when someone
 * asks ({@link #raw()}).
 *
 * <p>Rows of one page share one {@link Shape} (the names and their index) when their fields come in
 * the same order, which KIS always does. A name that occurs twice in a row: the later value wins, as in
 * a Jackson tree.
 */
public final class KisRow {
    /** The field names of a row and where each is; shared by the rows of a page with the same layout. */
    static final class Shape {
        final String[] names;
        private final Map<String, Integer> index;

        Shape(String[] names) {
            this.names = names;
            this.index = new HashMap<>(names.length * 2);
            for (int i = 0; i < names.length; i++) {
                index.put(names[i], i); // a duplicate name: the later one wins
            }
        }

        boolean hasRepeats() {
            return index.size() != names.length;
        }

        /** Whether {@code names[0, n)} are exactly these names (Jackson hands out the same instances). */
        boolean matches(String[] names, int n) {
            if (n != this.names.length) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (names[i] != this.names[i] && !names[i].equals(this.names[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Shape shape;
    private final String[] values;
    /** The page the row was cut from: its UTF-8 bytes or its text; or the tree node it was made from. */
    private final Object source;

    private final int from;
    private final int to;

    KisRow(Shape shape, String[] values, Object source, int from, int to) {
        this.shape = shape;
        this.values = values;
        this.source = source;
        this.from = from;
        this.to = to;
    }

    /** A row read from a tree (an {@code output2} object, a test's JSON). */
    public static KisRow of(JsonNode node) {
        Objects.requireNonNull(node, "node");
        int n = node.size();
        String[] names = new String[node.isObject() ? n : 0];
        String[] values = new String[names.length];
        if (node.isObject()) {
            int i = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); i++) {
                Map.Entry<String, JsonNode> e = it.next();
                names[i] = e.getKey();
                JsonNode v = e.getValue();
                values[i] = v.isNull() ? null : v.isContainerNode() ? "" : v.asText();
            }
        }
        return new KisRow(new Shape(names), values, node, 0, 0);
    }

    /** The value of {@code field} as sent, or null if absent or JSON null (a nested object or array reads as ""). */
    public String value(String field) {
        Integer i = shape.index.get(field);
        return i == null ? null : values[i];
    }

    /** The trimmed text of a field, "" if absent or null (KIS pads some values with spaces). */
    public String text(String field) {
        String v = value(field);
        return v == null ? "" : v.strip();
    }

    /** The row's JSON exactly as it stood in the page (credentials already scrubbed). */
    public String raw() {
        if (source instanceof byte[] utf8) {
            return new String(utf8, from, to - from, StandardCharsets.UTF_8);
        }
        if (source instanceof String text) {
            return text.substring(from, to);
        }
        return source.toString();
    }

    /** The row as a JSON tree, read from {@link #raw()} on demand. */
    public JsonNode json() {
        if (source instanceof JsonNode node) {
            return node;
        }
        try {
            return ResponseClassifier.mapper().readTree(raw());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a row that was read once no longer reads", e);
        }
    }

    /**
     * Rows are equal when they hold the same fields with the same values, in the order a JSON tree
     * would list them (a repeated name counts once, with its later value, at its first place).
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KisRow r)) {
            return false;
        }
        if (!shape.hasRepeats() && !r.shape.hasRepeats()) {
            return Arrays.equals(shape.names, r.shape.names) && Arrays.equals(values, r.values);
        }
        return fields().equals(r.fields())
                && List.copyOf(fields().keySet()).equals(List.copyOf(r.fields().keySet()));
    }

    @Override
    public int hashCode() {
        return fields().hashCode();
    }

    /** The fields as a tree holds them: first place, later value (values may be null). */
    private Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(shape.names[i], values[i]);
        }
        return m;
    }

    /** The row's JSON (it may hold an account's data: not for logs). */
    @Override
    public String toString() {
        return raw();
    }
}
