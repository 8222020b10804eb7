package io.execctl.store;

import io.execctl.kis.port.CachedToken;
import io.execctl.kis.port.CachedToken.Kind;
import io.execctl.kis.port.TokenStore;
import io.execctl.kis.port.TokenStoreContract;
import io.execctl.testing.DatabaseExtension;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The PostgreSQL store under the {@link TokenStoreContract}: "another process" is a second
 * {@link PgTokenStore} over its own {@link Jdbi} on the same database, as two execctl processes are.
 */
class PgTokenStoreTest extends TokenStoreContract {
    @RegisterExtension
    static final DatabaseExtension DB = DatabaseExtension.migrated();

    @Override
    protected TokenStore store() {
        return new PgTokenStore(DB.jdbi());
    }

    @Override
    protected TokenStore anotherProcess() {
        return new PgTokenStore(Db.create(DB.dataSource()));
    }

    @Override
    protected void awaitBlockedOnIssueLock(Thread caller) {
        await().atMost(Duration.ofSeconds(10)).until(() -> Concurrency.waitingAdvisoryLocks(DB.jdbi()) == 1);
    }

    @Test
    void oneRowPerKeyHoweverOftenItIsSaved() {
        PgTokenStore store = new PgTokenStore(DB.jdbi());
        for (int i = 0; i < 3; i++) {
            store.save(new CachedToken(
                    "REAL", fp, Kind.ACCESS, "token-" + i, T.plusSeconds(i), T.plus(Duration.ofHours(24))));
        }
        long rows = DB.jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM trade.kis_tokens WHERE app_key_fp = :fp")
                        .bind("fp", fp)
                        .mapTo(Long.class)
                        .one());
        assertThat(rows).isEqualTo(1);
    }
}
