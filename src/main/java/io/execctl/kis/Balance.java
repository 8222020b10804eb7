package io.execctl.kis;

import java.util.Optional;

/** The result of {@code inquire-balance}: holdings (paginated) and the account summary. */
public record Balance(Paged<HoldingRow> holdings, Optional<BalanceSummary> summary) {
    public boolean complete() {
        return holdings.complete() && summary.isPresent();
    }
}
