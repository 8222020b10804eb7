package io.execctl.engine.submit;

import io.execctl.domain.AbsenceEvidence;
import io.execctl.domain.InquiryLine;
import io.execctl.domain.InquirySnapshot;
import io.execctl.domain.KisEnv;
import io.execctl.domain.KnownOrder;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.NoticeCoverage;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderType;
import io.execctl.domain.Side;
import io.execctl.engine.ownership.BrokerOrderSighting;
import io.execctl.kis.DailyOrderQuery;
import io.execctl.kis.DailyOrderRow;
import io.execctl.kis.DailyOrders;
import io.execctl.kis.OpenOrder;
import io.execctl.kis.Paged;
import io.execctl.store.NoticeCoverageStore;
import io.execctl.store.OrderStore;
import io.execctl.store.ParkedNoticeStore;
import io.execctl.store.Submission;
import io.execctl.store.SubmissionStore;
import io.execctl.store.UnresolvedSubmission;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Gathers what the absence rule needs about one UNKNOWN submission: a narrow daily-ccld of its own
 * trading date, symbol and side, the open orders of that side (real accounts, today only), the
 * notice coverage since the first send, and the orders execctl accounts for. Keeps every order row
 * it saw as a {@link BrokerOrderSighting}, for the ownership decision.
 */
final class UnknownEvidence {
    private final Jdbi jdbi;
    private final OrderInquiry inquiry;
    private final String accountId;
    private final KisEnv env;
    private final String noticeStreamKey;

    UnknownEvidence(Jdbi jdbi, OrderInquiry inquiry, String accountId, KisEnv env, String noticeStreamKey) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.inquiry = Objects.requireNonNull(inquiry, "inquiry");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.env = Objects.requireNonNull(env, "env");
        this.noticeStreamKey = noticeStreamKey;
    }

    /** One daily-ccld (and open orders) for a submission, with the sightings of its rows. */
    record Look(InquirySnapshot history, Optional<InquirySnapshot> open, List<BrokerOrderSighting> sightings) {}

    /**
     * The inquiries of one resolver pass, shared by its submissions: the UNKNOWNs of one date, symbol
     * and side ask the same narrow daily-ccld, and all of a side the same open orders. A kept inquiry
     * serves a submission only when it was taken late enough to be evidence for it (the rules judge
     * each by its {@code takenAt}, so an earlier snapshot is no weaker than a fresh one taken then);
     * otherwise it is asked again and replaces the kept one. Why: after a takeover one pass held 27
     * UNKNOWNs, and a look each (3–5 requests under the shared 19/s budget) made it take 39 s on the
     * chaos day while every loop waited for it.
     */
    static final class Pass {
        private final Map<HistoryKey, History> history = new HashMap<>();
        private final Map<Side, Open> open = new EnumMap<>(Side.class);
    }

    private record HistoryKey(LocalDate date, String symbol, Side side) {}

    private record History(InquirySnapshot snapshot, List<BrokerOrderSighting> sightings) {}

    private record Open(LocalDate date, Instant takenAt, Paged<OpenOrder> working) {}

    /**
     * One daily-ccld (and open orders) for a submission, with the sightings of its rows: the pass's
     * kept inquiry when it was taken at or after {@code notBefore} (the daily-ccld) and the send
     * deadline (open orders), else asked now; {@code takenAt} is read on the journal's clock before the
     * first request.
     */
    Look look(Submission row, UnresolvedSubmission shape, Pass pass, Instant notBefore) {
        LocalDate date = row.tradingDate();
        HistoryKey key = new HistoryKey(date, shape.symbol(), shape.side());
        History kept = pass.history.get(key);
        if (kept == null
                || !kept.snapshot().complete()
                || kept.snapshot().takenAt().isBefore(notBefore)) {
            kept = history(date, shape);
            pass.history.put(key, kept);
        }
        InquirySnapshot history = kept.snapshot();
        List<BrokerOrderSighting> seen = new ArrayList<>(kept.sightings());
        Optional<InquirySnapshot> open = Optional.empty();
        if (env == KisEnv.REAL && date.equals(KoreaTime.tradingDate(history.takenAt()))) {
            Open working = pass.open.get(shape.side());
            if (working == null
                    || !working.date().equals(date)
                    || !working.working().complete()
                    || working.takenAt().isBefore(row.sendDeadline())) {
                Instant openAt = SubmissionStore.of(jdbi).now();
                working = new Open(date, openAt, inquiry.openOrders(shape.side()));
                pass.open.put(shape.side(), working);
            }
            open = Optional.of(openOrders(working, shape, seen));
        }
        return new Look(history, open, List.copyOf(seen));
    }

    private History history(LocalDate date, UnresolvedSubmission shape) {
        Instant takenAt = SubmissionStore.of(jdbi).now();
        DailyOrders daily = inquiry.dailyOrders(DailyOrderQuery.narrow(date, shape.symbol(), shape.side()));
        List<InquiryLine> lines = new ArrayList<>();
        List<BrokerOrderSighting> seen = new ArrayList<>();
        for (DailyOrderRow r : daily.orders().rows()) {
            lines.add(new InquiryLine(
                    r.odno(),
                    r.orgnOdno(),
                    r.ordDt(),
                    r.symbol(),
                    r.side(),
                    r.ordQty(),
                    orderedAt(r.ordDt(), r.ordTmd()),
                    OrderType.fromOrdDvsn(r.ordDvsnCd()).orElse(null),
                    r.ordUnpr()));
            seen.add(sighting(
                    r.orderKey(accountId),
                    r.orgnOdno(),
                    r.symbol(),
                    r.side(),
                    r.ordQty(),
                    r.ordDvsnCd(),
                    r.ordUnpr(),
                    r.ordTmd(),
                    r.branch(),
                    BrokerOrderSighting.Channel.DAILY_CCLD,
                    r.isRevision() && r.cancelled()));
        }
        InquirySnapshot snapshot = new InquirySnapshot(
                InquirySnapshot.Kind.DAILY_CCLD,
                date,
                shape.symbol(),
                shape.side(),
                takenAt,
                daily.provesAbsence(),
                lines);
        return new History(snapshot, List.copyOf(seen));
    }

    /** The open orders of the submission's symbol out of a side's listing; their sightings go to {@code seen}. */
    private InquirySnapshot openOrders(Open working, UnresolvedSubmission shape, List<BrokerOrderSighting> seen) {
        LocalDate date = working.date();
        List<InquiryLine> openLines = new ArrayList<>();
        for (OpenOrder o : working.working().rows()) {
            if (!o.symbol().equals(shape.symbol())) {
                continue;
            }
            openLines.add(new InquiryLine(
                    o.odno(),
                    o.orgnOdno(),
                    date,
                    o.symbol(),
                    o.side(),
                    o.ordQty(),
                    orderedAt(date, o.ordTmd()),
                    OrderType.fromOrdDvsn(o.ordDvsnCd()).orElse(null),
                    o.ordUnpr()));
            seen.add(sighting(
                    OrderKey.of(accountId, date, o.odno()),
                    o.orgnOdno(),
                    o.symbol(),
                    o.side(),
                    o.ordQty(),
                    o.ordDvsnCd(),
                    o.ordUnpr(),
                    o.ordTmd(),
                    o.branch(),
                    BrokerOrderSighting.Channel.OPEN_ORDERS,
                    false));
        }
        return new InquirySnapshot(
                InquirySnapshot.Kind.OPEN_ORDERS,
                date,
                shape.symbol(),
                shape.side(),
                working.takenAt(),
                working.working().complete(),
                openLines);
    }

    /**
     * The orders of the submission's date, symbol and side execctl accounts for: every row it holds,
     * except EXTERNAL rows that could be this submission's (an adoption may re-attribute them).
     */
    List<KnownOrder> accounted(Submission row, UnresolvedSubmission shape) {
        List<KnownOrder> known = new ArrayList<>();
        for (Order o : OrderStore.of(jdbi).findByDate(accountId, row.tradingDate())) {
            if (!o.symbol().equals(shape.symbol()) || o.side() != shape.side()) {
                continue;
            }
            boolean couldBeOurs = o.source() == OrderSource.EXTERNAL
                    && o.intentId() == null
                    && o.origOrderNo() == null
                    && o.qty() == shape.qty();
            if (!couldBeOurs) {
                known.add(new KnownOrder(o.key().odno(), o.submittedTs()));
            }
        }
        return known;
    }

    /**
     * The notice stream's coverage since the first send; none (so a second inquiry must corroborate)
     * when no stream key is configured or notices of that date wait parked for an order we do not hold.
     */
    NoticeCoverage coverage(Submission row, Instant to) {
        if (noticeStreamKey == null || !row.firstSentTs().isBefore(to)) {
            return NoticeCoverage.none();
        }
        boolean parked = ParkedNoticeStore.of(jdbi).pending(1000).stream().anyMatch(p -> p.key()
                .map(k -> k.orderDate().equals(row.tradingDate()))
                .orElse(true));
        if (parked) {
            return NoticeCoverage.none();
        }
        return NoticeCoverageStore.of(jdbi).coverage(noticeStreamKey, row.firstSentTs(), to);
    }

    static AbsenceEvidence evidence(
            Submission row,
            UnresolvedSubmission shape,
            List<KnownOrder> accounted,
            Look first,
            Optional<Look> second,
            NoticeCoverage coverage) {
        return new AbsenceEvidence(
                row.absenceQuestion(
                        shape.symbol(), shape.side(), shape.qty(), shape.orderType(), shape.price(), accounted),
                first.history(),
                first.open(),
                second.map(Look::history),
                coverage,
                List.of());
    }

    private static BrokerOrderSighting sighting(
            OrderKey key,
            String orig,
            String symbol,
            Side side,
            long qty,
            String ordDvsn,
            BigDecimal price,
            String ordTmd,
            String branch,
            BrokerOrderSighting.Channel channel,
            boolean cancelRequest) {
        Instant at = ordTmd == null || ordTmd.isBlank() ? null : KoreaTime.toInstant(key.orderDate(), ordTmd);
        String b = branch != null && branch.trim().matches("\\d{1,5}") ? branch : null;
        return new BrokerOrderSighting(
                key,
                orig,
                symbol,
                side,
                qty,
                OrderType.fromOrdDvsn(ordDvsn).orElse(null),
                price,
                at,
                channel,
                b,
                cancelRequest);
    }

    /** The broker's order time of a row, or null when it cannot be read (the row then stays a candidate). */
    private static Instant orderedAt(LocalDate date, String hhmmss) {
        try {
            return hhmmss == null || hhmmss.isBlank() ? null : KoreaTime.toInstant(date, hhmmss.trim());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
