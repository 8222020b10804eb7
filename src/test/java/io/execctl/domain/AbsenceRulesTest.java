package io.execctl.domain;

import io.execctl.domain.AbsenceVerdict.Absent;
import io.execctl.domain.AbsenceVerdict.Basis;
import io.execctl.domain.AbsenceVerdict.Found;
import io.execctl.domain.AbsenceVerdict.NotProven;
import io.execctl.domain.AbsenceVerdict.Reason;
import io.execctl.domain.AbsenceVerdict.Source;
import io.execctl.domain.InquirySnapshot.Kind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The only licence to resend: every way the evidence can fall short, and the two ways it holds. */
class AbsenceRulesTest {
    private static final LocalDate DAY = LocalDate.of(2026, 1, 13);
    private static final String SYM = "005930";
    private static final Instant SENT = Instant.parse("2026-01-13T01:00:00Z");
    private static final Instant DEADLINE = SENT.plusSeconds(15);
    private static final Duration LAG = Duration.ofSeconds(3);
    private static final Instant FIRST = DEADLINE.plus(LAG);
    private static final KnownOrder OURS = new KnownOrder("1001", SENT.minusSeconds(600));
    private static final AbsenceRules REAL = new AbsenceRules(LAG, KisEnv.REAL);
    private static final AbsenceRules PAPER = new AbsenceRules(LAG, KisEnv.PAPER);

    private static AbsenceQuestion question(KnownOrder... accounted) {
        return new AbsenceQuestion("i-1", 1, DAY, SYM, Side.BUY, 10, SENT, DEADLINE, Arrays.asList(accounted));
    }

    private static InquiryLine line(String odno) {
        return new InquiryLine(odno, null, DAY, SYM, Side.BUY, 10);
    }

    private static InquirySnapshot history(Instant at, boolean complete, InquiryLine... lines) {
        return new InquirySnapshot(Kind.DAILY_CCLD, DAY, SYM, Side.BUY, at, complete, Arrays.asList(lines));
    }

    private static Optional<InquirySnapshot> open(Instant at, boolean complete, InquiryLine... lines) {
        return Optional.of(
                new InquirySnapshot(Kind.OPEN_ORDERS, DAY, SYM, Side.BUY, at, complete, Arrays.asList(lines)));
    }

    private static NoticeCoverage covered(Instant from, Instant to) {
        return new NoticeCoverage(List.of(new CoveredSpan(from, to)));
    }

    private static final NoticeCoverage WHOLE = covered(SENT.minusSeconds(60), FIRST.plusSeconds(10));

    private static AbsenceEvidence evidence(
            InquirySnapshot history,
            Optional<InquirySnapshot> open,
            Optional<InquirySnapshot> second,
            NoticeCoverage coverage,
            NoticeSighting... notices) {
        return new AbsenceEvidence(question(OURS), history, open, second, coverage, Arrays.asList(notices));
    }

    private static final Duration SKEW = Duration.ofSeconds(2);
    private static final AbsenceRules RESOLVER = new AbsenceRules(LAG, KisEnv.REAL, SKEW);

    private static InquiryLine at(String odno, long qty, Instant orderedAt) {
        return new InquiryLine(odno, null, DAY, SYM, Side.BUY, qty, orderedAt);
    }

    @Test
    void withASkewAnOrderOutsideTheSendWindowOrOfAnotherQuantityIsNotACandidate() {
        // an HTS order of the same symbol and side placed two minutes before the send, one of another
        // quantity inside the window: neither can be the send's order, so absence is proven
        InquirySnapshot h = history(
                FIRST,
                true,
                line("1001"),
                at("2001", 10, SENT.minusSeconds(120)),
                at("2002", 3, SENT.plusSeconds(1)),
                at("2003", 10, DEADLINE.plusSeconds(60)));
        assertThat(RESOLVER.judge(evidence(h, open(FIRST, true), Optional.empty(), WHOLE)))
                .isInstanceOf(Absent.class);
        // the rules without a skew (the cancel resolver's) still count every unaccounted row
        assertThat(REAL.judge(evidence(h, open(FIRST, true), Optional.empty(), WHOLE)))
                .isInstanceOfSatisfying(
                        Found.class, f -> assertThat(f.candidates()).hasSize(3));
    }

    @Test
    void withASkewAnOrderInsideTheWidenedWindowOrWithoutATimeStaysACandidate() {
        for (InquiryLine l : List.of(
                at("2001", 10, SENT.minus(SKEW)),
                at("2002", 10, DEADLINE.plus(SKEW)),
                at("2003", 10, SENT.plusSeconds(3)),
                at("2004", 10, null),
                new InquiryLine("2005", "0000009999", DAY, SYM, Side.BUY, 3, SENT.minusSeconds(600)))) {
            InquirySnapshot h = history(FIRST, true, line("1001"), l);
            assertThat(RESOLVER.judge(evidence(h, open(FIRST, true), Optional.empty(), WHOLE)))
                    .as(l.toString())
                    .isInstanceOfSatisfying(Found.class, f -> assertThat(f.candidates())
                            .extracting(AbsenceVerdict.Candidate::orderNo)
                            .containsExactly(l.orderNo()));
        }
    }

    private static InquiryLine typed(String odno, OrderType type, String price) {
        return new InquiryLine(
                odno,
                null,
                DAY,
                SYM,
                Side.BUY,
                10,
                SENT.plusSeconds(3),
                type,
                price == null ? null : new BigDecimal(price));
    }

    private static AbsenceEvidence sent(OrderType type, String price, InquirySnapshot h) {
        AbsenceQuestion q = new AbsenceQuestion(
                "i-1", 2, DAY, SYM, Side.BUY, 10, SENT, DEADLINE, List.of(OURS), type, new BigDecimal(price), null);
        return new AbsenceEvidence(q, h, open(FIRST, true), Optional.empty(), WHOLE, List.of());
    }

    @Test
    void withASkewAnOrderOfAnotherTypeOrLimitPriceIsNotACandidate() {
        // chaos day: a market BUY's resend refused before processing, and an HTS far-limit BUY of the
        // same quantity placed in the send window; the ownership rule can never adopt it (its shape), so
        // it must not hold the absence either, or the submission stays UNKNOWN for good
        InquirySnapshot h = history(FIRST, true, line("1001"), typed("2001", OrderType.LMT, "60000"));
        assertThat(RESOLVER.judge(sent(OrderType.MKT, "0", h))).isInstanceOf(Absent.class);
        assertThat(RESOLVER.judge(sent(OrderType.LMT, "71000", h)))
                .as("a limit at another price")
                .isInstanceOf(Absent.class);
        InquirySnapshot market = history(FIRST, true, line("1001"), typed("2002", OrderType.MKT, "0"));
        assertThat(RESOLVER.judge(sent(OrderType.LMT, "60000", market)))
                .as("a market order for a limit send")
                .isInstanceOf(Absent.class);
        // the rules without a skew (the cancel resolver's) still count every unaccounted row
        assertThat(REAL.judge(sent(OrderType.MKT, "0", h))).isInstanceOf(Found.class);
    }

    @Test
    void withASkewAnOrderOfTheSameTypeAndPriceOrOfAnUnknownOneStaysACandidate() {
        List<AbsenceEvidence> cases = List.of(
                sent(OrderType.MKT, "0", history(FIRST, true, line("1001"), typed("2001", OrderType.MKT, "0"))),
                sent(
                        OrderType.LMT,
                        "60000",
                        history(FIRST, true, line("1001"), typed("2001", OrderType.LMT, "60000.0"))),
                sent(OrderType.MKT, "0", history(FIRST, true, line("1001"), typed("2001", null, null))),
                sent(OrderType.LMT, "60000", history(FIRST, true, line("1001"), typed("2001", OrderType.LMT, null))),
                sent(OrderType.MKT, "0", history(FIRST, true, line("1001"), at("2001", 10, SENT.plusSeconds(3)))));
        for (AbsenceEvidence ev : cases) {
            assertThat(RESOLVER.judge(ev))
                    .as(ev.history().lines().toString())
                    .isInstanceOfSatisfying(Found.class, f -> assertThat(f.candidates())
                            .extracting(AbsenceVerdict.Candidate::orderNo)
                            .containsExactly(ev.history().lines().get(1).orderNo()));
        }
    }

    @Test
    void aResendsSendWindowStartsAtItsOwnSendNotAtTheFirst() {
        // chaos day tk2: an HTS order taken 13 s before the resend, after the first attempt's window,
        // was the resend's only candidate because its window started at the first send
        Instant resent = SENT.plusSeconds(60);
        Instant deadline = resent.plusSeconds(15);
        Instant taken = deadline.plus(LAG);
        AbsenceQuestion q = new AbsenceQuestion(
                "i-1", 2, DAY, SYM, Side.BUY, 10, SENT, deadline, List.of(OURS), null, null, resent);
        NoticeCoverage covered = covered(SENT.minusSeconds(60), taken.plusSeconds(10));
        InquirySnapshot between = history(taken, true, line("1001"), at("2001", 10, resent.minusSeconds(13)));
        assertThat(RESOLVER.judge(
                        new AbsenceEvidence(q, between, open(taken, true), Optional.empty(), covered, List.of())))
                .isInstanceOf(Absent.class);
        InquirySnapshot atTheResend = history(taken, true, line("1001"), at("2002", 10, resent.minus(SKEW)));
        assertThat(RESOLVER.judge(
                        new AbsenceEvidence(q, atTheResend, open(taken, true), Optional.empty(), covered, List.of())))
                .isInstanceOf(Found.class);
        assertThat(new AbsenceQuestion("i-1", 1, DAY, SYM, Side.BUY, 10, SENT, DEADLINE, List.of()).windowFrom())
                .as("a first attempt's window starts at the first send")
                .isEqualTo(SENT);
    }

    @Test
    void aCompleteInquiryAndAGapFreeNoticeStreamProveAbsence() {
        AbsenceVerdict v =
                REAL.judge(evidence(history(FIRST, true, line("1001")), open(FIRST, true), Optional.empty(), WHOLE));
        assertThat(v).isInstanceOfSatisfying(Absent.class, a -> {
            assertThat(a.basis()).isEqualTo(Basis.NOTICE_STREAM);
            assertThat(a.asOf()).isEqualTo(FIRST);
            assertThat(a.question().attempt()).isEqualTo(1);
        });
    }

    @Test
    void aGapInTheMiddleOfTheStreamNeedsASecondInquiryOneLagLater() {
        NoticeCoverage gap = new NoticeCoverage(List.of(
                new CoveredSpan(SENT.minusSeconds(60), SENT.plusSeconds(5)),
                new CoveredSpan(SENT.plusSeconds(9), FIRST.plusSeconds(10))));
        InquirySnapshot h = history(FIRST, true, line("1001"));
        assertThat(REAL.judge(evidence(h, open(FIRST, true), Optional.empty(), gap)))
                .isInstanceOfSatisfying(NotProven.class, n -> {
                    assertThat(n.reason()).isEqualTo(Reason.NO_CORROBORATION);
                    assertThat(n.detail()).contains(SENT.plusSeconds(5).toString());
                });
        assertThat(REAL.judge(
                        evidence(h, open(FIRST, true), Optional.of(history(FIRST.plus(LAG), true, line("1001"))), gap)))
                .isInstanceOfSatisfying(Absent.class, a -> {
                    assertThat(a.basis()).isEqualTo(Basis.SECOND_INQUIRY);
                    assertThat(a.asOf()).isEqualTo(FIRST.plus(LAG));
                });
        assertThat(REAL.judge(evidence(
                        h,
                        open(FIRST, true),
                        Optional.of(history(FIRST.plus(LAG).minusMillis(1), true, line("1001"))),
                        gap)))
                .isInstanceOfSatisfying(
                        NotProven.class, n -> assertThat(n.reason()).isEqualTo(Reason.TOO_EARLY));
        assertThat(REAL.judge(evidence(
                        h, open(FIRST, true), Optional.of(history(FIRST.plus(LAG), false, line("1001"))), gap)))
                .isInstanceOfSatisfying(
                        NotProven.class, n -> assertThat(n.reason()).isEqualTo(Reason.INCOMPLETE_INQUIRY));
    }

    @Test
    void aStreamWhoseLastFrameCameBeforeTheInquiryHasAGapAtTheEnd() {
        NoticeCoverage silent = covered(SENT.minusSeconds(60), FIRST.minusMillis(1));
        assertThat(REAL.judge(
                        evidence(history(FIRST, true, line("1001")), open(FIRST, true), Optional.empty(), silent)))
                .isInstanceOfSatisfying(
                        NotProven.class, n -> assertThat(n.reason()).isEqualTo(Reason.NO_CORROBORATION));
        NoticeCoverage late = covered(SENT.plusMillis(1), FIRST.plusSeconds(5));
        assertThat(REAL.judge(evidence(history(FIRST, true, line("1001")), open(FIRST, true), Optional.empty(), late)))
                .as("subscribed only after the send")
                .isInstanceOf(NotProven.class);
    }

    @Test
    void anOrderNobodyAccountsForIsACandidateWhereverItIsSeen() {
        assertThat(REAL.judge(evidence(
                        history(FIRST, false, line("1001"), line("1002")), open(FIRST, true), Optional.empty(), WHOLE)))
                .as("even in an incomplete inquiry")
                .isInstanceOfSatisfying(Found.class, f -> assertThat(f.candidates())
                        .containsExactly(new AbsenceVerdict.Candidate("0000001002", Source.DAILY_CCLD, 10L)));
        assertThat(REAL.judge(evidence(
                        history(FIRST, true, line("1001")), open(FIRST, true, line("77")), Optional.empty(), WHOLE)))
                .isInstanceOfSatisfying(Found.class, f -> assertThat(f.candidates())
                        .extracting(AbsenceVerdict.Candidate::source)
                        .containsExactly(Source.OPEN_ORDERS));
        NoticeSighting accept = new NoticeSighting("1003", DAY, SYM, Side.BUY, SENT.plusSeconds(1));
        assertThat(REAL.judge(evidence(
                        history(FIRST, true, line("1001")), open(FIRST, true), Optional.empty(), WHOLE, accept)))
                .isInstanceOfSatisfying(Found.class, f -> assertThat(f.candidates())
                        .extracting(AbsenceVerdict.Candidate::source)
                        .containsExactly(Source.NOTICE));
        NoticeSighting otherSymbol = new NoticeSighting("1004", DAY, "000660", Side.BUY, SENT.plusSeconds(1));
        NoticeSighting otherSide = new NoticeSighting("1005", DAY, SYM, Side.SELL, SENT.plusSeconds(1));
        NoticeSighting ours = new NoticeSighting("0000001001", DAY, SYM, Side.BUY, SENT.plusSeconds(1));
        assertThat(REAL.judge(evidence(
                        history(FIRST, true, line("1001")),
                        open(FIRST, true),
                        Optional.empty(),
                        WHOLE,
                        otherSymbol,
                        otherSide,
                        ours)))
                .isInstanceOf(Absent.class);
    }

    @Test
    void aCancelOfAKnownOrderIsAccountedForButOtherSymbolsRowsAreIgnored() {
        InquiryLine cancel = new InquiryLine("2001", "0000001001", DAY, SYM, Side.BUY, 10);
        InquiryLine other = new InquiryLine("2002", null, DAY, "000660", Side.BUY, 10);
        InquirySnapshot wide = new InquirySnapshot(
                Kind.DAILY_CCLD, DAY, null, null, FIRST, true, List.of(line("1001"), cancel, other));
        assertThat(REAL.judge(evidence(wide, open(FIRST, true), Optional.empty(), WHOLE)))
                .isInstanceOf(Absent.class);
    }

    @Test
    void anIncompleteInquiryProvesNothing() {
        assertThat(REAL.judge(
                        evidence(history(FIRST, false, line("1001")), open(FIRST, true), Optional.empty(), WHOLE)))
                .isInstanceOfSatisfying(
                        NotProven.class, n -> assertThat(n.reason()).isEqualTo(Reason.INCOMPLETE_INQUIRY));
    }

    @Test
    void theInquiryMustStartAfterTheDeadlinePlusTheConfiguredLag() {
        InquirySnapshot early = history(FIRST.minusMillis(1), true, line("1001"));
        assertThat(REAL.judge(evidence(early, open(FIRST, true), Optional.empty(), WHOLE)))
                .isInstanceOfSatisfying(
                        NotProven.class, n -> assertThat(n.reason()).isEqualTo(Reason.TOO_EARLY));
        AbsenceRules shortLag = new AbsenceRules(LAG.minusMillis(1), KisEnv.REAL);
        assertThat(shortLag.judge(evidence(early, open(FIRST, true), Optional.empty(), WHOLE)))
                .isInstanceOf(Absent.class);
    }

    @Test
    void anInquiryMissingAKnownOrderOldEnoughToBeListedLags() {
        assertThat(REAL.judge(evidence(history(FIRST, true), open(FIRST, true), Optional.empty(), WHOLE)))
                .isInstanceOfSatisfying(NotProven.class, n -> {
                    assertThat(n.reason()).isEqualTo(Reason.HISTORY_LAGS);
                    assertThat(n.detail()).contains("0000001001");
                });
        KnownOrder young = new KnownOrder("1009", FIRST.minus(LAG).plusMillis(1));
        AbsenceEvidence ev = new AbsenceEvidence(
                question(OURS, young),
                history(FIRST, true, line("1001")),
                open(FIRST, true),
                Optional.empty(),
                WHOLE,
                List.of());
        assertThat(REAL.judge(ev)).as("too young to be listed yet").isInstanceOf(Absent.class);
    }

    @Test
    void aRealAccountAlsoNeedsItsCompleteOpenOrdersAfterTheDeadline() {
        InquirySnapshot h = history(FIRST, true, line("1001"));
        for (Optional<InquirySnapshot> open :
                List.of(Optional.<InquirySnapshot>empty(), open(FIRST, false), open(DEADLINE.minusMillis(1), true))) {
            assertThat(REAL.judge(evidence(h, open, Optional.empty(), WHOLE)))
                    .isInstanceOfSatisfying(
                            NotProven.class, n -> assertThat(n.reason()).isEqualTo(Reason.OPEN_ORDERS_MISSING));
        }
        assertThat(PAPER.judge(evidence(h, Optional.empty(), Optional.empty(), WHOLE)))
                .as("paper has no open-orders inquiry")
                .isInstanceOf(Absent.class);
    }

    @Test
    void paperWithAnEmptyOrderListNeverProvesAbsence() {
        AbsenceEvidence ev = new AbsenceEvidence(
                question(),
                history(FIRST, true),
                Optional.empty(),
                Optional.of(history(FIRST.plus(LAG), true)),
                WHOLE,
                List.of());
        assertThat(PAPER.judge(ev)).isInstanceOfSatisfying(NotProven.class, n -> assertThat(n.reason())
                .isEqualTo(Reason.PAPER_EMPTY_HISTORY));
        assertThat(REAL.judge(new AbsenceEvidence(
                        question(), history(FIRST, true), open(FIRST, true), Optional.empty(), WHOLE, List.of())))
                .as("a real account's complete empty history is evidence")
                .isInstanceOf(Absent.class);
        AbsenceEvidence secondEmpty = new AbsenceEvidence(
                question(OURS),
                history(FIRST, true, line("1001")),
                Optional.empty(),
                Optional.of(history(FIRST.plus(LAG), true)),
                NoticeCoverage.none(),
                List.of());
        assertThat(PAPER.judge(secondEmpty)).isInstanceOfSatisfying(NotProven.class, n -> assertThat(n.reason())
                .isEqualTo(Reason.PAPER_EMPTY_HISTORY));
    }

    @Test
    void anInquiryOfAnotherDateSymbolOrSideCannotSpeak() {
        InquirySnapshot yesterday = new InquirySnapshot(
                Kind.DAILY_CCLD, DAY.minusDays(1), SYM, Side.BUY, FIRST, true, List.of(line("1001")));
        InquirySnapshot sells =
                new InquirySnapshot(Kind.DAILY_CCLD, DAY, SYM, Side.SELL, FIRST, true, List.of(line("1001")));
        for (InquirySnapshot h : List.of(yesterday, sells)) {
            assertThat(REAL.judge(evidence(h, open(FIRST, true), Optional.empty(), WHOLE)))
                    .isInstanceOfSatisfying(
                            NotProven.class, n -> assertThat(n.reason()).isEqualTo(Reason.WRONG_SCOPE));
        }
    }

    /**
     * Seeded random evidence: whenever the verdict is ABSENT, one more order nobody accounts for —
     * in the history, the open orders, the second inquiry or the notices — turns it into FOUND;
     * and ABSENT always rests on a complete history taken late enough.
     */
    @Test
    void oneUnaccountedOrderAnywhereAlwaysDefeatsAbsence() {
        Random r = new Random(7_2026_12_02L);
        int absent = 0;
        for (int run = 0; run < 5_000; run++) {
            AbsenceRules rules =
                    new AbsenceRules(Duration.ofMillis(r.nextInt(5_000)), r.nextBoolean() ? KisEnv.REAL : KisEnv.PAPER);
            Instant first = DEADLINE.plus(rules.historyLag()).plusMillis(r.nextInt(4_000) - 1_000);
            List<InquiryLine> known = r.nextBoolean() ? List.of(line("1001")) : List.of();
            InquirySnapshot h =
                    new InquirySnapshot(Kind.DAILY_CCLD, DAY, SYM, Side.BUY, first, r.nextInt(4) > 0, known);
            Optional<InquirySnapshot> open = r.nextInt(4) > 0
                    ? Optional.of(new InquirySnapshot(
                            Kind.OPEN_ORDERS, DAY, SYM, Side.BUY, first, r.nextInt(4) > 0, List.of()))
                    : Optional.empty();
            Optional<InquirySnapshot> second = r.nextBoolean()
                    ? Optional.of(new InquirySnapshot(
                            Kind.DAILY_CCLD,
                            DAY,
                            SYM,
                            Side.BUY,
                            first.plus(rules.historyLag()).plusMillis(r.nextInt(2_000) - 500),
                            r.nextInt(4) > 0,
                            known))
                    : Optional.empty();
            Instant gapAt = SENT.plusMillis(r.nextInt(12_000));
            NoticeCoverage coverage = r.nextBoolean()
                    ? covered(SENT.minusSeconds(1), first.plusSeconds(1))
                    : new NoticeCoverage(List.of(
                            new CoveredSpan(SENT.minusSeconds(1), gapAt),
                            new CoveredSpan(gapAt.plusMillis(1 + r.nextInt(500)), first.plusSeconds(1))));
            AbsenceEvidence ev = new AbsenceEvidence(question(OURS), h, open, second, coverage, List.of());
            AbsenceVerdict v = rules.judge(ev);
            if (!(v instanceof Absent a)) {
                continue;
            }
            absent++;
            assertThat(h.complete()).isTrue();
            assertThat(first).isAfterOrEqualTo(DEADLINE.plus(rules.historyLag()));
            assertThat(a.basis() == Basis.NOTICE_STREAM ? coverage.covers(SENT, first) : second.isPresent())
                    .isTrue();
            InquiryLine stranger = line(Integer.toString(5_000 + run));
            int where = r.nextInt(4);
            AbsenceEvidence worse =
                    switch (where) {
                        case 0 ->
                            new AbsenceEvidence(
                                    ev.question(), withLine(h, stranger), open, second, coverage, List.of());
                        case 1 ->
                            new AbsenceEvidence(
                                    ev.question(),
                                    h,
                                    Optional.of(withLine(
                                            open.orElse(new InquirySnapshot(
                                                    Kind.OPEN_ORDERS, DAY, SYM, Side.BUY, first, true, List.of())),
                                            stranger)),
                                    second,
                                    coverage,
                                    List.of());
                        case 2 ->
                            new AbsenceEvidence(
                                    ev.question(),
                                    h,
                                    open,
                                    Optional.of(withLine(second.orElse(h), stranger)),
                                    coverage,
                                    List.of());
                        default ->
                            new AbsenceEvidence(
                                    ev.question(),
                                    h,
                                    open,
                                    second,
                                    coverage,
                                    List.of(new NoticeSighting(
                                            stranger.orderNo(), DAY, SYM, Side.BUY, SENT.plusSeconds(2))));
                    };
            assertThat(rules.judge(worse))
                    .as("run %d, stranger in %d", run, where)
                    .isInstanceOf(Found.class);
        }
        assertThat(absent)
                .as("the generator reaches ABSENT often enough to mean something")
                .isGreaterThan(200);
    }

    private static InquirySnapshot withLine(InquirySnapshot s, InquiryLine extra) {
        List<InquiryLine> lines = new ArrayList<>(s.lines());
        lines.add(extra);
        return new InquirySnapshot(s.kind(), s.tradingDate(), s.symbol(), s.side(), s.takenAt(), s.complete(), lines);
    }
}
