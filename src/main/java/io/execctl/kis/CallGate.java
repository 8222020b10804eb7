package io.execctl.kis;

import io.execctl.domain.Secret;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every {@code /uapi} call needs before it may be sent: an access token and a rate-budget slot.
 * Shared by order sending and inquiry running so both take them the same way.
 */
final class CallGate {
    private static final Logger log = LoggerFactory.getLogger(CallGate.class);

    private final TokenManager tokens;
    private final RateBudget budget;

    CallGate(TokenManager tokens, RateBudget budget) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /** The outcome of waiting at the gate: a token to send with, or why nothing may be sent. */
    sealed interface Pass {
        /** The call may be sent now, with this token. */
        record Open(Secret token) implements Pass {}

        /**
         * Nothing may be sent: no slot in time, or no token.
         *
         * @param tokenCode why no access token could be had (KIS's code or a client reason such as
         *                  {@code spacing}); null when the token was there and the rate slot was not
         */
        record Closed(String reason, String tokenCode) implements Pass {
            /** Whether the access token was what was missing (a refusal of access, not of the call). */
            public boolean noToken() {
                return tokenCode != null;
            }
        }
    }

    /**
     * Takes the token first, then the rate slot, and nothing after it: a call that took its slot and
     * then waited for a token (an issuance, its own rate wait, the one-a-minute rule) would send late,
     * wasting the slot it held and bunching with the calls behind it, so the spacing the budget keeps
     * would not hold on the wire.
     */
    Pass enter(String op, RateBudget.Priority priority, Duration maxWait) throws InterruptedException {
        Pass pass = token(op);
        if (pass instanceof Pass.Open && budget.acquire(priority, maxWait).isEmpty()) {
            return new Pass.Closed("no rate-budget slot within " + maxWait.toSeconds() + " s", null);
        }
        return pass;
    }

    private Pass token(String op) {
        try {
            return new Pass.Open(tokens.accessToken());
        } catch (TokenUnavailableException e) {
            return new Pass.Closed(e.getMessage(), e.code() == null ? "token" : e.code());
        } catch (RuntimeException e) {
            // e.g. the token cache (database) is down: nothing was sent
            log.warn(
                    "{}: no access token, the token cache failed: {}",
                    op,
                    e.getClass().getSimpleName());
            return new Pass.Closed("the token cache failed (" + e.getClass().getSimpleName() + ")", "token_cache");
        }
    }

    /** Marks a token KIS refused, so the next {@link #enter} fetches a new one. */
    void tokenRefused(Secret token) {
        tokens.invalidateAccess(token);
    }
}
