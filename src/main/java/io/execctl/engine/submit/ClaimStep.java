package io.execctl.engine.submit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.domain.Intent;
import io.execctl.domain.IntentMapper;
import io.execctl.domain.IntentStatus;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.OrderRequest;
import io.execctl.domain.Position;
import io.execctl.domain.Side;
import io.execctl.store.AdvisoryLocks;
import io.execctl.store.FreshClaims;
import io.execctl.store.Incarnation;
import io.execctl.store.IntentStore;
import io.execctl.store.PositionSelling;
import io.execctl.store.PositionStore;
import io.execctl.store.SubmissionStore;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Step 1–2 of the send protocol for one intent, in <em>one</em> transaction: the intent is validated
 * and mapped, an exit is checked against its position under the position's advisory lock, and the
 * journal row is claimed (intent NEW → SENDING). A refusal is recorded in the same transaction
 * (journal REJECTED, intent REJECTED with its reason), so nothing refused is ever sent.
 *
 * <p>Doing the oversell check and the claim under one lock and one commit is what makes the check
 * sound: every exit intent of a position in SENDING or UNKNOWN passed the check when it was claimed,
 * so it is counted as being sold by everyone who checks after it.
 */
final class ClaimStep {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final Incarnation owner;
    private final JournalPolicy policy;
    private final OutcomeWriter writer;

    ClaimStep(Jdbi jdbi, Incarnation owner, JournalPolicy policy, OutcomeWriter writer) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /**
     * Claims (or, with {@code dryRun}, only judges) one intent read as NEW. The intent is read again
     * under its row lock inside the transaction: what is validated and sent is what the row holds
     * now, and an intent moved on meanwhile is not ours.
     */
    Claim claim(Intent seen, boolean dryRun) {
        return jdbi.inTransaction(h -> {
            Optional<Intent> fresh = dryRun
                    ? IntentStore.on(h).find(seen.intentId())
                    : IntentStore.on(h).lockIfNew(seen.intentId());
            if (fresh.isEmpty() || !IntentStatus.NEW.name().equals(fresh.get().status())) {
                return new Claim.Taken(seen);
            }
            Intent intent = fresh.get();
            IntentMapper.Result mapped = IntentMapper.map(intent);
            Optional<Claim.Refused> refused = refusal(h, intent, mapped);
            if (dryRun) {
                return refused.<Claim>map(r -> r)
                        .orElseGet(() -> new Claim.WouldSend(intent, ((IntentMapper.Mapped) mapped).request()));
            }
            String request = requestJson(intent, mapped);
            if (refused.isEmpty()) {
                return claimValid(h, intent, ((IntentMapper.Mapped) mapped).request(), request);
            }
            if (SubmissionStore.on(h)
                    .claim(intent.intentId(), owner, request, policy)
                    .isEmpty()) {
                return new Claim.Taken(intent);
            }
            Claim.Refused r = refused.get();
            SubmissionStore.on(h).rejectUnsent(intent.intentId(), owner, r.code() + ": " + r.reason());
            writer.intentMoved(h, intent.intentId(), IntentStatus.SENDING, IntentStatus.REJECTED, r.code(), null, null);
            return r;
        });
    }

    /**
     * Two unresolved submissions of the same symbol, side and quantity are never in flight at once:
     * if one came back UNKNOWN, a broker order of that shape could be either's, and the ownership
     * decision could never adopt it. Checked and claimed under one advisory lock per shape, so two
     * claimers cannot both pass; the second intent stays NEW and is picked up once the first resolves.
     * The lock is its own statement; the check and every write of the claim are one more
     * ({@link FreshClaims}): the claim is on the submission latency's path.
     */
    private Claim claimValid(Handle h, Intent intent, OrderRequest req, String request) {
        AdvisoryLocks.lockForTransaction(h, "order-shape", req.symbol() + "/" + req.side() + "/" + req.qty());
        return switch (FreshClaims.on(h)
                .claim(intent.intentId(), owner, request, req.symbol(), req.side(), req.qty(), policy)) {
            case CLAIMED -> new Claim.Ready(intent, req);
            case SAME_SHAPE_IN_FLIGHT -> new Claim.Waiting(intent);
            case TAKEN -> new Claim.Taken(intent);
        };
    }

    /** Why the intent must not be sent, if it must not: the mapper's verdict, then the position checks. */
    private static Optional<Claim.Refused> refusal(Handle h, Intent intent, IntentMapper.Result mapped) {
        if (mapped instanceof IntentMapper.Rejected r) {
            return Optional.of(new Claim.Refused(intent, r.code(), r.reason()));
        }
        OrderRequest req = ((IntentMapper.Mapped) mapped).request();
        if (req.side() != Side.SELL) {
            return Optional.empty();
        }
        if (intent.positionId() == null) {
            return refuse(intent, "NO_POSITION", "an exit needs position_id");
        }
        PositionSelling selling = PositionSelling.on(h);
        selling.lockPosition(intent.positionId());
        Optional<Position> position = PositionStore.on(h).find(intent.positionId());
        if (position.isEmpty()) {
            return refuse(intent, "UNKNOWN_POSITION", "position " + intent.positionId() + " does not exist");
        }
        Position p = position.get();
        if (!p.isOpen()) {
            return refuse(intent, "POSITION_NOT_OPEN", "position " + p.positionId() + " is " + p.status());
        }
        if (!p.symbol().equals(req.symbol())) {
            return refuse(
                    intent,
                    "POSITION_SYMBOL",
                    "position " + p.positionId() + " holds " + p.symbol() + ", not " + req.symbol());
        }
        long beingSold = selling.beingSold(p.positionId(), intent.intentId());
        long available = p.qty() - beingSold;
        if (req.qty() > available) {
            return refuse(
                    intent,
                    "OVERSELL",
                    "exit of " + req.qty() + " exceeds what position " + p.positionId() + " has left to sell ("
                            + p.qty() + " held, " + beingSold + " already being sold)");
        }
        return Optional.empty();
    }

    private static Optional<Claim.Refused> refuse(Intent intent, String code, String reason) {
        return Optional.of(new Claim.Refused(intent, code, reason));
    }

    /** The journal's {@code request}: what will be sent (no account number), or the intent as written. */
    static String requestJson(Intent intent, IntentMapper.Result mapped) {
        ObjectNode n = JSON.createObjectNode();
        n.put("intent_type", intent.intentType());
        n.put(
                "position_id",
                intent.positionId() == null ? null : intent.positionId().toString());
        if (mapped instanceof IntentMapper.Mapped m) {
            OrderRequest r = m.request();
            n.put("symbol", r.symbol());
            n.put("side", r.side().name());
            n.put("ord_dvsn", r.ordDvsn());
            n.put("qty", r.qty());
            n.put("price", r.ordUnpr());
        } else {
            n.put("symbol", intent.symbol());
            n.put("order_type", intent.orderType());
            n.put("qty", intent.qty());
            n.put(
                    "limit_price",
                    intent.limitPrice() == null ? null : intent.limitPrice().toPlainString());
        }
        return n.toString();
    }
}
