package io.execctl.kis;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a KIS answer in one pass over Jackson's token stream: the top-level fields into a tree, the
 * named row arrays straight into flat {@link KisRow}s. A 100-row {@code inquire-daily-ccld} page is
 * about 2 500 fields; building a tree node and a map entry for each, only to read them back once, was
 * most of the client's own cost per inquiry.
 *
 * <p>Whatever this reader accepts, Jackson's {@code readTree} accepts too and gives the same values
 * (trailing content after the object is refused in both); a body that is not a JSON object is left
 * to the caller.
 */
final class BodyReader {
    /** Reads one value at the parser's position; trailing tokens are the whole-body check's business. */
    private static final ObjectMapper VALUES =
            ResponseClassifier.mapper().copy().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private BodyReader() {}

    /**
     * Reads {@code text} (or, when not null, its exact UTF-8 encoding {@code utf8}, which is cheaper).
     *
     * @return the body, or null if the JSON is not an object
     * @throws IOException if the JSON is invalid or truncated, or followed by more content
     */
    static KisBody read(String text, byte[] utf8, Set<String> rowArrays) throws IOException {
        Object source = utf8 != null ? utf8 : text;
        try (JsonParser p = utf8 != null ? VALUES.createParser(utf8) : VALUES.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode top = VALUES.getNodeFactory().objectNode();
            Map<String, List<KisRow>> rows = new HashMap<>(4);
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                if (t == JsonToken.START_ARRAY && rowArrays.contains(name)) {
                    top.remove(name); // a repeated name: the later value wins, as in a tree
                    rows.put(name, readRows(p, source));
                } else {
                    rows.remove(name);
                    top.set(name, t == JsonToken.VALUE_STRING ? top.textNode(p.getText()) : VALUES.readTree(p));
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new JsonParseException(p, "Unexpected token " + t + " in a JSON object");
            }
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw new JsonParseException(
                        p, "Trailing token (of type " + trailing + ") found after the JSON object");
            }
            return new KisBody(top, rows);
        }
    }

    private static List<KisRow> readRows(JsonParser p, Object source) throws IOException {
        List<KisRow> rows = new ArrayList<>();
        String[] names = new String[32];
        String[] values = new String[32];
        KisRow.Shape shape = null;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new JsonParseException(p, "Unexpected end-of-input in an array");
            }
            if (t != JsonToken.START_OBJECT) {
                // Not a row object: a row without fields (its reader reports what is missing).
                rows.add(KisRow.of(VALUES.readTree(p)));
                continue;
            }
            int from = offset(p);
            int n = 0;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                if (n == names.length) {
                    names = Arrays.copyOf(names, n * 2);
                    values = Arrays.copyOf(values, n * 2);
                }
                names[n] = p.currentName();
                t = p.nextToken();
                if (t == JsonToken.VALUE_NULL) {
                    values[n] = null;
                } else if (t.isScalarValue()) {
                    values[n] = p.getText();
                } else {
                    p.skipChildren();
                    values[n] = ""; // a nested object or array has no text, as JsonNode.asText() gives
                }
                n++;
            }
            if (t != JsonToken.END_OBJECT) {
                throw new JsonParseException(p, "Unexpected token " + t + " in a row object");
            }
            if (shape == null || !shape.matches(names, n)) {
                shape = new KisRow.Shape(Arrays.copyOf(names, n));
            }
            rows.add(new KisRow(shape, Arrays.copyOf(values, n), source, from, offset(p) + 1));
        }
        return rows;
    }

    /** Where the current token starts: a byte offset into UTF-8 input, a char offset into text. */
    private static int offset(JsonParser p) {
        var loc = p.currentTokenLocation();
        long b = loc.getByteOffset();
        return (int) (b >= 0 ? b : loc.getCharOffset());
    }
}
