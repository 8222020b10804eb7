package io.execctl.kis;

import com.fasterxml.jackson.databind.JsonNode;
import io.execctl.domain.Side;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account inquiries as typed results: each reads every page ({@link InquiryRunner}), parses the
 * rows and says whether the result is complete.
 */
final class Inquiries {
    private static final Logger log = LoggerFactory.getLogger(Inquiries.class);

    private final KisEndpoints endpoints;
    private final InquiryRunner runner;
    private final KisMetrics metrics;

    Inquiries(KisEndpoints endpoints, InquiryRunner runner, KisMetrics metrics) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Today's cancellable orders: {@code inquire-psbl-rvsecncl} on real; on paper (where it does not
     * exist) today's {@code inquire-daily-ccld} unfilled rows with {@code rmn_qty > 0}, not cancelled.
     *
     * @param side one side only, or null for both
     */
    Paged<OpenOrder> openOrders(LocalDate today, Side side) {
        if (!endpoints.offersOpenOrders()) {
            DailyOrders d = dailyOrders(
                    DailyOrderQuery.range(today, today).withSide(side).withFill(DailyOrderQuery.FillFilter.UNFILLED),
                    today);
            List<OpenOrder> open = new ArrayList<>();
            for (DailyOrderRow r : d.orders().rows()) {
                if (r.rmnQty() > 0 && !r.cancelled()) {
                    open.add(OpenOrder.fromDaily(r));
                }
            }
            return new Paged<>(
                    open, d.orders().complete(), d.orders().pages(), d.orders().reason());
        }
        KisRequest req = endpoints.openOrders(side);
        InquiryRunner.PageSet pages = runner.fetchAll(req);
        List<OpenOrder> rows = new ArrayList<>();
        String problem = parseRows(pages, "output", OpenOrder::parse, rows);
        return finish(req.operation(), pages, rows, problem);
    }

    /**
     * {@code inquire-daily-ccld}: one row per order, and the {@code output2} totals of each segment. A
     * segment whose pages all had an empty {@code output1} while its {@code output2} counted orders or
     * fills is incomplete (paper has been seen answering so, REFERENCE §6.4, §14.2).
     */
    DailyOrders dailyOrders(DailyOrderQuery q, LocalDate today) {
        List<DailyOrderRow> rows = new ArrayList<>();
        List<DailyTotals> totals = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        boolean complete = true;
        int pagesTotal = 0;
        List<String> reasons = new ArrayList<>();
        for (KisRequest req : endpoints.dailyOrders(q, today)) {
            InquiryRunner.PageSet pages = runner.fetchAll(req);
            List<DailyOrderRow> segRows = new ArrayList<>();
            String problem = parseRows(pages, "output1", DailyOrderRow::parse, segRows);
            DailyTotals segTotals = null;
            if (problem == null && pages.complete()) {
                JsonNode out2 = pages.bodies().get(pages.bodies().size() - 1).get("output2");
                JsonNode obj = out2 != null && out2.isArray() && out2.size() > 0 ? out2.get(0) : out2;
                if (obj != null && obj.isObject() && obj.size() > 0) { // {} (or none) claims no totals
                    try {
                        segTotals = DailyTotals.parse(KisRow.of(obj));
                    } catch (KisFields.MalformedFieldException e) {
                        log.warn("inquire-daily-ccld output2 unreadable: {}", e.getMessage());
                        if (segRows.isEmpty()) {
                            problem = "unreadable answer: output1 is empty and output2 is unreadable (" + e.getMessage()
                                    + ")";
                        }
                    }
                }
                if (segTotals != null && segRows.isEmpty() && !segTotals.isZero()) {
                    problem = "output1 is empty but output2 counts orders or fills";
                }
            }
            Paged<DailyOrderRow> seg = finish(req.operation(), pages, segRows, problem);
            rows.addAll(seg.rows());
            pagesTotal += seg.pages();
            if (!seg.complete()) {
                complete = false;
                reasons.add(seg.reason());
            } else if (segTotals != null) {
                totals.add(segTotals);
                String m = segTotals.crossCheck(seg.rows());
                if (!m.isEmpty()) {
                    log.warn("inquire-daily-ccld rows and output2 disagree: {}", m);
                    mismatches.add(m);
                }
            }
        }
        Paged<DailyOrderRow> paged = complete
                ? Paged.complete(rows, pagesTotal)
                : Paged.incomplete(rows, pagesTotal, String.join("; ", reasons));
        return new DailyOrders(paged, totals, String.join("; ", mismatches));
    }

    /** {@code inquire-balance}: holdings per symbol and the account summary ({@code output2[0]}). */
    Balance balance() {
        KisRequest req = endpoints.balance();
        InquiryRunner.PageSet pages = runner.fetchAll(req);
        List<HoldingRow> rows = new ArrayList<>();
        String problem = parseRows(pages, "output1", HoldingRow::parse, rows);
        Optional<BalanceSummary> summary = Optional.empty();
        if (problem == null && pages.complete()) {
            JsonNode out2 = pages.bodies().get(pages.bodies().size() - 1).get("output2");
            JsonNode obj = out2 != null && out2.isArray() && out2.size() > 0 ? out2.get(0) : out2;
            if (obj == null || !obj.isObject()) {
                problem = "unreadable answer: output2 (account summary) is missing";
            } else {
                try {
                    summary = Optional.of(BalanceSummary.parse(KisRow.of(obj)));
                } catch (KisFields.MalformedFieldException e) {
                    problem = "unreadable answer: output2: " + e.getMessage();
                }
            }
        }
        return new Balance(finish(req.operation(), pages, rows, problem), summary);
    }

    private static <T> String parseRows(
            InquiryRunner.PageSet pages, String field, Function<KisRow, T> parser, List<T> out) {
        for (int p = 0; p < pages.bodies().size(); p++) {
            KisBody body = pages.bodies().get(p);
            List<KisRow> rows = body.rows(field);
            if (rows == null) {
                JsonNode v = body.get(field);
                if (v == null || v.isNull()) {
                    continue; // KIS omits the array when there is nothing to list
                }
                return "unreadable answer: page " + (p + 1) + ": " + field + " is not an array";
            }
            for (int i = 0; i < rows.size(); i++) {
                try {
                    out.add(parser.apply(rows.get(i)));
                } catch (KisFields.MalformedFieldException e) {
                    return "unreadable answer: page " + (p + 1) + " row " + (i + 1) + ": " + e.getMessage();
                }
            }
        }
        return null;
    }

    private <T> Paged<T> finish(KisOperation op, InquiryRunner.PageSet pages, List<T> rows, String parseProblem) {
        if (pages.complete() && parseProblem == null) {
            return Paged.complete(rows, pages.bodies().size());
        }
        metrics.paginationIncomplete(op.label());
        String reason = parseProblem != null ? parseProblem : pages.reason();
        log.warn(
                "{} incomplete after {} page(s): {}", op.label(), pages.bodies().size(), reason);
        return Paged.incomplete(rows, pages.bodies().size(), reason);
    }
}
