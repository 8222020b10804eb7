package io.execctl.sim.http;

import java.util.List;
import java.util.Optional;

/**
 * KIS continuation queries (연속조회). The first request has a blank {@code tr_cont} and blank keys; a
 * response with more to come carries header {@code tr_cont} {@code F} (first page) or {@code M}
 * (middle) and body keys {@code ctx_area_fk100}/{@code ctx_area_nk100}; the client sends them back as
 * params with request header {@code tr_cont: N}. The last page (and a single page) is {@code D} or
 * {@code E} — both occur at KIS — and on it {@code ctx_area_fk100} still holds the search conditions
 * while {@code ctx_area_nk100} is blank (REFERENCE.md §14.2): only those two say "no more pages".
 *
 * <p>Keys are space-padded to 100 characters like KIS's. {@code FK100} is the {@code ^}-joined search
 * conditions, {@code NK100} the offset of the next row and the broker's activity version when the first
 * page was served. A continuation whose conditions or version no longer match is refused with KIS's
 * "data changed, query again" ({@code SYDB0050}).
 */
public final class Paging {
    public static final String DATA_CHANGED_CODE = "SYDB0050";

    public static final String DATA_CHANGED_MSG = "조회이후에 자료가 변경되었습니다.(다시 조회하세요)";

    private Paging() {}

    /** Where a request starts. */
    public sealed interface Start {
        record At(int offset, long version) implements Start {}

        record Refused(String msgCd, String msg1) implements Start {}
    }

    /** One page of rows and what to tell the client. */
    public record Page<T>(List<T> rows, String trCont, String fk100, String nk100, boolean continued) {}

    /**
     * Reads where this request starts: a continuation is {@code tr_cont: N} with a non-blank NK100.
     *
     * @param conditions  this query's {@code ^}-joined search conditions
     * @param dataChanged the paging_data_changed fault fired for this request
     */
    public static Start start(
            String trContHeader, String fk, String nk, String conditions, long currentVersion, boolean dataChanged) {
        boolean continuation =
                "N".equalsIgnoreCase(trContHeader == null ? "" : trContHeader.trim()) && nk != null && !nk.isBlank();
        if (!continuation) {
            return new Start.At(0, currentVersion);
        }
        Optional<long[]> parsed = parse(nk.trim());
        if (parsed.isEmpty() || !conditions.equals(fk == null ? "" : fk.trim())) {
            return new Start.Refused(DATA_CHANGED_CODE, DATA_CHANGED_MSG);
        }
        long version = parsed.get()[1];
        if (version != currentVersion || dataChanged) {
            return new Start.Refused(DATA_CHANGED_CODE, DATA_CHANGED_MSG);
        }
        return new Start.At((int) parsed.get()[0], version);
    }

    /**
     * Cuts one page out of {@code all}.
     *
     * @param lastIsE on a last page, answer {@code E} rather than {@code D}
     */
    public static <T> Page<T> page(List<T> all, Start.At at, int pageSize, String conditions, boolean lastIsE) {
        int from = Math.min(at.offset(), all.size());
        int to = Math.min(from + pageSize, all.size());
        boolean more = to < all.size();
        boolean first = from == 0;
        String trCont = more ? (first ? "F" : "M") : (lastIsE ? "E" : "D");
        String nk = more ? pad(to + "^" + at.version()) : pad("");
        return new Page<>(List.copyOf(all.subList(from, to)), trCont, pad(conditions), nk, !first);
    }

    /** The search conditions as KIS echoes them in FK100: the values joined by {@code ^}. */
    public static String conditions(List<String> values) {
        String s = String.join("^", values);
        return s.length() > 100 ? s.substring(0, 100) : s;
    }

    static String pad(String s) {
        StringBuilder b = new StringBuilder(100);
        b.append(s);
        while (b.length() < 100) {
            b.append(' ');
        }
        return b.toString();
    }

    private static Optional<long[]> parse(String nk) {
        try {
            int caret = nk.indexOf('^');
            if (caret < 0) {
                return Optional.empty();
            }
            long offset = Long.parseLong(nk.substring(0, caret));
            long version = Long.parseLong(nk.substring(caret + 1));
            if (offset < 0 || offset > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            return Optional.of(new long[] {offset, version});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
