package io.execctl.sim.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * KIS continuation queries (연속조회). The first request has a blank {@code tr_cont} and blank keys; a
 * response with more to come carries header {@code tr_cont} {@code F} (first page) or {@code M}
 * (middle) and body keys {@code ctx_area_fk100}/{@code ctx_area_nk100}; the client sends them back as
 * params with request header {@code tr_cont: N}. The last page (and a single page) is {@code D}.
 *
 * <p>Keys are space-padded to 100 characters like KIS's. {@code FK100} carries a hash of the query and
 * the broker's activity version when the first page was served, {@code NK100} the offset of the next
 * row. A continuation whose version no longer matches is refused with "data changed, query again".
 */
public final class Paging {
    /** The simulator's code for "조회이후에 자료가 변경되었습니다.(다시 조회하세요)" (KIS's own code is not documented). */
    public static final String DATA_CHANGED_CODE = "KIOK0560";

    public static final String DATA_CHANGED_MSG = "조회이후에 자료가 변경되었습니다.(다시 조회하세요)";
    /** The simulator's code for continuation keys that do not belong to this query. */
    public static final String BAD_KEYS_CODE = "KIOK0570";

    private Paging() {}

    /** Where a request starts. */
    public sealed interface Start {
        record At(int offset, long version) implements Start {}

        record Refused(String msgCd, String msg1) implements Start {}
    }

    /** One page of rows and what to tell the client. */
    public record Page<T>(List<T> rows, String trCont, String fk100, String nk100) {}

    /** A hash of the query parameters that define the result set (everything but the keys). */
    public static String queryHash(Map<String, String> params) {
        TreeMap<String, String> sorted = new TreeMap<>();
        params.forEach((k, v) -> {
            if (!k.toUpperCase().startsWith("CTX_AREA_")) {
                sorted.put(k.toUpperCase(), v == null ? "" : v.trim());
            }
        });
        long h = 1125899906842597L;
        String s = sorted.toString();
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + s.charAt(i);
        }
        return Long.toHexString(h);
    }

    /**
     * Reads where this request starts.
     *
     * @param dataChanged the paging_data_changed fault fired for this request
     */
    public static Start start(
            String trContHeader, String fk, String nk, String hash, long currentVersion, boolean dataChanged) {
        boolean continuation =
                "N".equalsIgnoreCase(trContHeader == null ? "" : trContHeader.trim()) && fk != null && !fk.isBlank();
        if (!continuation) {
            return new Start.At(0, currentVersion);
        }
        Optional<long[]> parsed = parse(fk.trim(), nk == null ? "" : nk.trim(), hash);
        if (parsed.isEmpty()) {
            return new Start.Refused(BAD_KEYS_CODE, "연속조회 키가 올바르지 않습니다.(처음부터 다시 조회하세요)");
        }
        long version = parsed.get()[0];
        if (version != currentVersion || dataChanged) {
            return new Start.Refused(DATA_CHANGED_CODE, DATA_CHANGED_MSG);
        }
        return new Start.At((int) parsed.get()[1], version);
    }

    /** Cuts one page out of {@code all}. */
    public static <T> Page<T> page(List<T> all, Start.At at, int pageSize, String hash) {
        int from = Math.min(at.offset(), all.size());
        int to = Math.min(from + pageSize, all.size());
        boolean more = to < all.size();
        boolean first = from == 0;
        String trCont = more ? (first ? "F" : "M") : "D";
        String fk = more ? pad("H" + hash + "V" + at.version()) : pad("");
        String nk = more ? pad("O" + to) : pad("");
        return new Page<>(List.copyOf(all.subList(from, to)), trCont, fk, nk);
    }

    static String pad(String s) {
        StringBuilder b = new StringBuilder(100);
        b.append(s);
        while (b.length() < 100) {
            b.append(' ');
        }
        return b.toString();
    }

    private static Optional<long[]> parse(String fk, String nk, String hash) {
        try {
            if (!fk.startsWith("H") || !nk.startsWith("O")) {
                return Optional.empty();
            }
            int v = fk.indexOf('V');
            if (v < 0 || !fk.substring(1, v).equals(hash)) {
                return Optional.empty();
            }
            long version = Long.parseLong(fk.substring(v + 1));
            long offset = Long.parseLong(nk.substring(1));
            if (offset < 0 || offset > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            return Optional.of(new long[] {version, offset});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
