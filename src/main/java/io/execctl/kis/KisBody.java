package io.execctl.kis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A successful KIS answer as read: the top-level object as a JSON tree, except that the row arrays of
 * an inquiry ({@link KisOperation#rowArrays()}) are held as flat {@link KisRow}s beside it.
 *
 * @param top  the top-level fields ({@code rt_cd}, {@code msg1}, {@code ctx_area_*}, {@code output2}, ...);
 *             the row arrays are not in it
 * @param rows the row arrays by field name; a field absent here was not an array (or not sent)
 */
public record KisBody(ObjectNode top, Map<String, List<KisRow>> rows) {
    public KisBody {
        Objects.requireNonNull(top, "top");
        rows = Map.copyOf(rows);
    }

    /** An answer read whole as a tree (no row arrays held apart). */
    public static KisBody of(ObjectNode top) {
        return new KisBody(top, Map.of());
    }

    /** A top-level field, null if absent (row arrays are in {@link #rows(String)}). */
    public JsonNode get(String field) {
        return top.get(field);
    }

    /** The rows of a row array, or null if the answer had no array under {@code field}. */
    public List<KisRow> rows(String field) {
        return rows.get(field);
    }
}
