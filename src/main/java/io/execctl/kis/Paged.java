package io.execctl.kis;

import java.util.List;
import java.util.Objects;

/**
 * The rows of a paginated inquiry and whether they are all of them. An incomplete result (a page
 * failed, the page cap was hit, "data changed" kept recurring) carries the rows read so far and the
 * reason; it must never be used as if complete (e.g. to judge holdings, to close orders, or to
 * conclude that an order does not exist). Its rows are still true: per-order totals may be applied
 * from them.
 *
 * @param rows     rows in KIS's order
 * @param complete true only when every page was read and the last was provably last: {@code tr_cont}
 *                 D/E with a blank {@code CTX_AREA_NK100}, or a "no data" answer (see docs/kis-client.md)
 * @param pages    pages read in the final pass
 * @param reason   why incomplete; empty when complete
 */
public record Paged<T>(List<T> rows, boolean complete, int pages, String reason) {
    public Paged {
        rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
        reason = reason == null ? "" : reason;
        if (complete && !reason.isEmpty()) {
            throw new IllegalArgumentException("a complete result has no reason");
        }
        if (!complete && reason.isEmpty()) {
            throw new IllegalArgumentException("an incomplete result needs a reason");
        }
    }

    public static <T> Paged<T> complete(List<T> rows, int pages) {
        return new Paged<>(rows, true, pages, "");
    }

    public static <T> Paged<T> incomplete(List<T> rows, int pages, String reason) {
        return new Paged<>(rows, false, pages, reason);
    }
}
