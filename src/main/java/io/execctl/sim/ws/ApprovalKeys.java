package io.execctl.sim.ws;

import java.util.Optional;

/** Resolves a WebSocket approval key (issued by POST /oauth2/Approval) to the app key it belongs to. */
@FunctionalInterface
public interface ApprovalKeys {
    Optional<String> appKeyFor(String approvalKey);
}
