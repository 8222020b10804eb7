package io.execctl.engine.submit;

import io.execctl.domain.Intent;
import io.execctl.domain.IntentStatus;
import io.execctl.engine.EnginePass;
import io.execctl.engine.PassReport;
import io.execctl.store.IntentStore;
import io.execctl.store.Submission;
import io.execctl.store.SubmissionRecovery;
import io.execctl.store.SubmissionStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code submit} pass: claims whose owner's lease expired are taken over and sent, then NEW
 * intents, oldest first, go into per-symbol lanes ({@link SubmitLanes}) on a bounded pool. {@link #run}
 * waits for what it queued ({@code execctl submit}); {@link #dispatch} only queues (the daemon's
 * {@link IntentPump}, so a slow symbol never delays the next scan). Both share this code.
 *
 * <p>A gateway refusal of our credentials pauses claiming for {@link #REFUSED_PAUSE}: sending again
 * would only be refused again; the intents not yet claimed stay NEW.
 */
public final class SubmitPass implements EnginePass, AutoCloseable {
    public static final String NAME = "submit";
    public static final Duration REFUSED_PAUSE = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(SubmitPass.class);

    private final Submitter submitter;
    private final Jdbi jdbi;
    private final SubmitLanes lanes;
    private final int batch;
    private final Consumer<SubmitResult> observer;
    private final SubmitAdmission admission;
    private volatile long pausedUntil = Long.MIN_VALUE;
    private volatile boolean everPaused;

    /** @param workers intents of distinct symbols handled at once */
    public SubmitPass(Submitter submitter, int workers) {
        this(submitter, workers, Submitter.DEFAULT_BATCH, r -> {});
    }

    /**
     * @param batch    NEW intents read per scan at most
     * @param observer told of every result (on a worker thread; keep it short), e.g. for counters
     */
    public SubmitPass(Submitter submitter, int workers, int batch, Consumer<SubmitResult> observer) {
        this(submitter, workers, batch, observer, SubmitAdmission.ALL);
    }

    /**
     * @param admission asked before each claim: the daemon's gate (nothing claimed once it stops or
     *                  loses its lock; new entries wait while a gap-fill runs)
     */
    public SubmitPass(
            Submitter submitter, int workers, int batch, Consumer<SubmitResult> observer, SubmitAdmission admission) {
        this.admission = Objects.requireNonNull(admission, "admission");
        this.submitter = Objects.requireNonNull(submitter, "submitter");
        this.jdbi = submitter.jdbi();
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, was " + batch);
        }
        this.batch = batch;
        this.observer = Objects.requireNonNull(observer, "observer");
        this.lanes = new SubmitLanes(workers, this::paused);
    }

    @Override
    public PassReport run() {
        List<SubmitResult> results = runForResults();
        Map<SubmitOutcome, Integer> by = new EnumMap<>(SubmitOutcome.class);
        results.forEach(r -> by.merge(r.outcome(), 1, Integer::sum));
        int changed = (int) results.stream()
                .filter(r -> r.outcome() != SubmitOutcome.SKIPPED)
                .count();
        int unresolved =
                (int) results.stream().filter(r -> r.outcome().isUnresolved()).count();
        StringBuilder summary = new StringBuilder(results.size() + " intents");
        by.forEach((o, n) ->
                summary.append(", ").append(n).append(' ').append(o.name().toLowerCase(Locale.ROOT)));
        return new PassReport(NAME, !paused(), changed, unresolved, summary.toString());
    }

    /** One pass, waiting for every intent it queued; the lines in the order the intents were read. */
    public List<SubmitResult> runForResults() {
        List<SubmitResult> results = new ArrayList<>();
        for (CompletableFuture<SubmitResult> f : dispatch(true)) {
            try {
                results.add(f.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
        return results;
    }

    /**
     * Queues this pass's work without waiting: expired claims (with {@code takeOvers}) and the NEW
     * intents not already queued. Nothing while paused.
     */
    public List<CompletableFuture<SubmitResult>> dispatch(boolean takeOvers) {
        List<CompletableFuture<SubmitResult>> queued = new ArrayList<>();
        if (paused()) {
            return queued;
        }
        if (!admission.claiming()) {
            return queued;
        }
        if (takeOvers) {
            for (Intent taken : takeOverExpiredClaims()) {
                lanes.offer(taken, i -> watched(submitter.sendClaimed(i))).ifPresent(f -> queued.add(logged(f)));
            }
        }
        for (Intent intent : IntentStore.of(jdbi).findNew(batch)) {
            if (!admission.claiming()) {
                break;
            }
            if (!admission.admits(intent)) {
                continue; // stays NEW for a later scan
            }
            lanes.offer(intent, i -> watched(submitter.submit(i))).ifPresent(f -> queued.add(logged(f)));
        }
        return queued;
    }

    /**
     * CLAIMED rows whose lease passed and that no lane of this process holds (another owner's, or ours
     * after a step failed, e.g. the database went away between claim and send): nothing was sent for
     * them (a send needs the fencing write, which makes the row SENT), so the claim is taken over and
     * sent from here. The take-over is a conditional update on the row's current state, so a row that
     * moved on meanwhile is left alone. SENT and UNKNOWN rows are never touched: they may have reached
     * the broker.
     */
    private List<Intent> takeOverExpiredClaims() {
        return takeOverExpiredClaims(submitter, lanes::inHand);
    }

    /**
     * The one takeover of expired claims, for this pass and {@link Submitter#runPass} alike: each
     * CLAIMED row past its deadline that {@code submitter}'s process is not handling ({@code inHand})
     * is taken over by the conditional update of {@link SubmissionRecovery#takeOver}; the intents
     * returned are sent through the journal's fencing write (CLAIMED → SENT) like any first send.
     */
    static List<Intent> takeOverExpiredClaims(Submitter submitter, Predicate<UUID> inHand) {
        Jdbi jdbi = submitter.jdbi();
        List<Intent> taken = new ArrayList<>();
        SubmissionStore journal = SubmissionStore.of(jdbi);
        for (Submission row : journal.findByState(EnumSet.of(Submission.State.CLAIMED))) {
            if (submitter.owner().id().equals(row.owner()) && inHand.test(row.intentId())) {
                continue; // ours and still being handled (e.g. waiting for a rate slot)
            }
            Optional<Submission> mine =
                    SubmissionRecovery.of(jdbi).takeOver(row.intentId(), submitter.owner(), submitter.policy());
            if (mine.isEmpty()) {
                continue;
            }
            Optional<Intent> intent = IntentStore.of(jdbi).find(row.intentId());
            if (intent.isPresent()
                    && IntentStatus.SENDING.name().equals(intent.get().status())) {
                log.info("took over the expired claim of intent {} from {}", row.intentId(), row.owner());
                taken.add(intent.get());
            }
        }
        return taken;
    }

    /**
     * A failure (e.g. the database went away mid-claim) is logged where nobody waits for the result (the
     * pump): the intent is left as the failed step left it — NEW if the claim did not commit, for the
     * journal's deadlines otherwise.
     */
    private static CompletableFuture<SubmitResult> logged(CompletableFuture<SubmitResult> f) {
        f.whenComplete((r, e) -> {
            if (e != null) {
                log.error("submitting an intent failed; a later pass or the journal's recovery picks it up", e);
            }
        });
        return f;
    }

    private SubmitResult watched(SubmitResult r) {
        if (r.outcome() == SubmitOutcome.REFUSED) {
            pausedUntil = System.nanoTime() + REFUSED_PAUSE.toNanos();
            everPaused = true;
        }
        observer.accept(r);
        return r;
    }

    /** True while claiming waits after a refusal. */
    public boolean paused() {
        return everPaused && System.nanoTime() - pausedUntil < 0;
    }

    /** Intents queued or being handled now. */
    public int inHand() {
        return lanes.inHand();
    }

    /**
     * Stops claiming and waits up to {@code grace} for sends in flight to finish and be recorded.
     *
     * @return true if all finished in time
     */
    public boolean stop(Duration grace) throws InterruptedException {
        return lanes.stop(grace);
    }

    /** {@link #stop} with the send lease (order-call timeout plus margin) as the grace. */
    @Override
    public void close() {
        try {
            if (!stop(submitter.policy().sendLease())) {
                log.warn("submission stopped with sends still in flight; the journal's deadlines cover them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
