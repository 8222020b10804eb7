package io.execctl.engine;

import io.execctl.kis.Balance;

/**
 * Where the holdings sync reads the broker's balance: {@code KisClient::balance} in production. An
 * interface so the sync's rules (an incomplete result changes nothing) can be exercised with a
 * hand-made result too.
 */
@FunctionalInterface
public interface BalanceSource {
    /** All pages of {@code inquire-balance}; {@link Balance#complete()} says whether it is the whole balance. */
    Balance fetch();
}
