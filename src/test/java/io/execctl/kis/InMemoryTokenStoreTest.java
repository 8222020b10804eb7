package io.execctl.kis;

import io.execctl.kis.port.TokenStore;
import io.execctl.kis.port.TokenStoreContract;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * The in-memory store under the {@link TokenStoreContract}. "Another process" is the same instance,
 * which is how unit tests use it (several {@link TokenManager}s sharing one store).
 */
class InMemoryTokenStoreTest extends TokenStoreContract {
    private final InMemoryTokenStore store = new InMemoryTokenStore();

    @Override
    protected TokenStore store() {
        return store;
    }

    @Override
    protected TokenStore anotherProcess() {
        return store;
    }

    @Override
    protected void awaitBlockedOnIssueLock(Thread caller) {
        // ReentrantLock.lock() parks the caller.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> caller.getState() == Thread.State.WAITING);
    }
}
