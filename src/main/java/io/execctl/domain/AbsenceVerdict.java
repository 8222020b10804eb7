package io.execctl.domain;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of {@link AbsenceRules#judge}: the order provably does not exist ({@link Absent}, the
 * only licence to resend), an order that could be it was seen ({@link Found}), or neither could be
 * shown ({@link NotProven}: the submission stays UNKNOWN, never resent on a guess).
 */
public sealed interface AbsenceVerdict {

    /**
     * No order exists for the question's attempt.
     *
     * @param question the question answered (a resend must match its attempt and send deadline)
     * @param basis    what corroborated the complete inquiry
     * @param asOf     the latest inquiry the proof rests on
     */
    record Absent(AbsenceQuestion question, Basis basis, Instant asOf) implements AbsenceVerdict {
        public Absent {
            Checks.notNull(question, "question");
            Checks.notNull(basis, "basis");
            Checks.notNull(asOf, "asOf");
        }

        /** A short text for the journal's evidence column. */
        public String describe() {
            return "ABSENT for attempt " + question.attempt() + " by " + basis + " as of " + asOf;
        }
    }

    /** Orders nobody accounts for on the send's date, symbol and side: one of them may be ours. */
    record Found(List<Candidate> candidates) implements AbsenceVerdict {
        public Found {
            candidates = List.copyOf(Checks.notNull(candidates, "candidates"));
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("a FOUND verdict needs a candidate");
            }
        }
    }

    /** Absence could not be shown; {@code detail} says what was missing. */
    record NotProven(Reason reason, String detail) implements AbsenceVerdict {
        public NotProven {
            Checks.notNull(reason, "reason");
            Checks.notNull(detail, "detail");
        }
    }

    /** What corroborated the first complete inquiry. */
    enum Basis {
        /** The notice stream covered the send to the inquiry without a gap and showed no unknown order. */
        NOTICE_STREAM,
        /** A second complete inquiry, one history-lag window later, agreed. */
        SECOND_INQUIRY
    }

    /** Why absence is not proven. */
    enum Reason {
        /** An inquiry was made for another date, symbol or side than the send. */
        WRONG_SCOPE,
        /** Paper answered with an empty order list: paper's history is not trusted to prove absence. */
        PAPER_EMPTY_HISTORY,
        /** Not every page was read, or the totals say rows are missing. */
        INCOMPLETE_INQUIRY,
        /** The inquiry started before the send deadline plus the history lag (or the second too soon after the first). */
        TOO_EARLY,
        /** An order execctl knows, old enough to be listed, is missing: the history lags. */
        HISTORY_LAGS,
        /** A real account's open orders were not read (or not completely, or before the deadline). */
        OPEN_ORDERS_MISSING,
        /** Neither a gap-free notice stream nor a second inquiry corroborates the first. */
        NO_CORROBORATION
    }

    /**
     * An order that could be the submission's.
     *
     * @param qty the order quantity, or null where the source does not say
     */
    record Candidate(String orderNo, Source source, Long qty) {
        public Candidate {
            orderNo = OrderKey.normalizeOdno(orderNo);
            Checks.notNull(source, "source");
        }
    }

    /** Where a candidate was seen. */
    enum Source {
        DAILY_CCLD,
        OPEN_ORDERS,
        NOTICE
    }
}
