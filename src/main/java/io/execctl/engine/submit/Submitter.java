package io.execctl.engine.submit;

import io.execctl.domain.Intent;
import io.execctl.domain.IntentMapper;
import io.execctl.domain.IntentStatus;
import io.execctl.domain.JournalPolicy;
import io.execctl.engine.Failpoints;
import io.execctl.engine.LogContext;
import io.execctl.engine.ownership.ParkedNoticeReplay;
import io.execctl.store.Incarnation;
import io.execctl.store.IntentStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One submission pass: NEW intents, oldest first, each claimed, validated and checked in one
 * transaction ({@link ClaimStep}), then sent once through the journal's fence and its outcome recorded
 * ({@link SendStep}). Intents are handled one after another on the calling thread. A gateway refusal
 * of our credentials stops the pass (sending again would only be refused again); the intents not yet
 * reached stay NEW.
 *
 * <p>Several submitters (threads, processes) may run passes at once: the journal's claim lets exactly
 * one of them have each intent.
 */
public final class Submitter {
    private static final Logger LOG = LoggerFactory.getLogger(Submitter.class);

    /** Intents read per pass at most. */
    public static final int DEFAULT_BATCH = 500;

    private final Jdbi jdbi;
    private final ClaimStep claims;
    private final SendStep sends;
    private final Incarnation owner;
    private final JournalPolicy policy;

    /**
     * @param accountId the account the client sends for, canonical {@code 12345678-01} (part of each
     *                  order's identity)
     * @param owner     this process's incarnation, once per process start
     */
    public Submitter(
            Jdbi jdbi,
            OrderPort port,
            String accountId,
            Incarnation owner,
            JournalPolicy policy,
            Clock clock,
            SubmitAlerts alerts) {
        this(jdbi, port, accountId, owner, policy, clock, alerts, ParkedNoticeReplay.NONE);
    }

    /**
     * @param replay applies the notices parked for a new order inside the transaction that writes its
     *               row (the notice path's {@code applyParked}), so an accepted order never exists
     *               without the fills that arrived before its answer
     */
    public Submitter(
            Jdbi jdbi,
            OrderPort port,
            String accountId,
            Incarnation owner,
            JournalPolicy policy,
            Clock clock,
            SubmitAlerts alerts,
            ParkedNoticeReplay replay) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.policy = Objects.requireNonNull(policy, "policy");
        OutcomeWriter writer = new OutcomeWriter(clock);
        this.claims = new ClaimStep(jdbi, owner, policy, writer);
        this.sends = new SendStep(jdbi, crashable(port), accountId, owner, policy, writer, alerts, replay);
    }

    /** One pass over up to {@code limit} NEW intents, oldest first. */
    public List<SubmitResult> runPass(int limit, boolean dryRun) {
        List<SubmitResult> results = new ArrayList<>();
        if (!dryRun) {
            // claims whose deadline passed with nothing sent (released after a gateway refusal, or
            // left by a process that died between claim and send): the submit pass's one takeover,
            // then the journal's fencing write as for any first send
            for (Intent taken : SubmitPass.takeOverExpiredClaims(this, id -> false)) {
                SubmitResult r = sendClaimed(taken);
                results.add(r);
                if (r.outcome() == SubmitOutcome.REFUSED) {
                    return results;
                }
            }
        }
        for (Intent intent : IntentStore.of(jdbi).findNew(limit)) {
            SubmitResult r = handle(intent, dryRun);
            results.add(r);
            if (r.outcome() == SubmitOutcome.REFUSED) {
                break;
            }
        }
        return results;
    }

    /**
     * The one intent {@code intentId}, if it is NEW; otherwise a {@link SubmitOutcome#SKIPPED} line
     * saying its status.
     *
     * @throws IllegalArgumentException if there is no such intent
     */
    public SubmitResult submitOne(UUID intentId, boolean dryRun) {
        Optional<Intent> found = IntentStore.of(jdbi).find(intentId);
        Intent intent = found.orElseThrow(() -> new IllegalArgumentException("no intent " + intentId));
        if (!IntentStatus.NEW.name().equals(intent.status())) {
            return line(intent, SubmitOutcome.SKIPPED, "status is " + intent.status() + ", not NEW");
        }
        return handle(intent, dryRun);
    }

    /** Claims, checks and sends one intent read as NEW (the pump's lanes call this). */
    public SubmitResult submit(Intent intent) {
        return handle(intent, false);
    }

    /**
     * Sends an intent whose journal row this submitter already holds as CLAIMED (taken over after its
     * previous owner's lease expired: nothing was sent, it was validated and checked when first claimed).
     */
    SubmitResult sendClaimed(Intent intent) {
        IntentMapper.Result mapped = IntentMapper.map(intent);
        if (!(mapped instanceof IntentMapper.Mapped m)) {
            throw new IllegalStateException("claimed intent " + intent.intentId() + " no longer maps: " + mapped);
        }
        return sends.send(new Claim.Ready(intent, m.request()));
    }

    Jdbi jdbi() {
        return jdbi;
    }

    Incarnation owner() {
        return owner;
    }

    JournalPolicy policy() {
        return policy;
    }

    /** The send step, for {@link UnknownResolver}'s one resend. */
    SendStep sends() {
        return sends;
    }

    private SubmitResult handle(Intent intent, boolean dryRun) {
        try (LogContext.Scope ignored = LogContext.intent(intent.intentId())) {
            SubmitResult r = handleInContext(intent, dryRun);
            LOG.info("intent {} {}{}", intent.intentId(), r.outcome(), r.reason() == null ? "" : ": " + r.reason());
            return r;
        }
    }

    private SubmitResult handleInContext(Intent intent, boolean dryRun) {
        Claim claim = claims.claim(intent, dryRun);
        if (claim instanceof Claim.Ready ready) {
            Failpoints.hit(Failpoints.AFTER_CLAIM);
            return sends.send(ready);
        }
        if (claim instanceof Claim.Refused r) {
            SubmitOutcome o = dryRun ? SubmitOutcome.WOULD_REJECT : SubmitOutcome.REJECTED;
            return line(intent, o, r.code() + ": " + r.reason());
        }
        if (claim instanceof Claim.WouldSend w) {
            return new SubmitResult(
                    intent.intentId(),
                    w.request().symbol(),
                    w.request().side().name(),
                    w.request().qty(),
                    SubmitOutcome.WOULD_SEND,
                    null,
                    null);
        }
        if (claim instanceof Claim.Waiting) {
            return line(
                    intent,
                    SubmitOutcome.WAITING,
                    "a submission of the same symbol, side and quantity is unresolved; stays NEW");
        }
        return line(intent, SubmitOutcome.SKIPPED, "claimed by another submitter or no longer NEW");
    }

    /** With failpoints armed, the port halts the process once the broker answered (tests only). */
    private static OrderPort crashable(OrderPort port) {
        Objects.requireNonNull(port, "port");
        if (!Failpoints.ENABLED) {
            return port;
        }
        return (request, fence) -> {
            var outcome = port.place(request, fence);
            Failpoints.hit(Failpoints.AFTER_SEND_BEFORE_RECORD);
            return outcome;
        };
    }

    private static SubmitResult line(Intent intent, SubmitOutcome outcome, String reason) {
        return new SubmitResult(
                intent.intentId(), intent.symbol(), intent.intentType(), intent.qty(), outcome, null, reason);
    }
}
