package io.execctl.engine.sync;

import io.execctl.domain.FillSource;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderStatus;
import io.execctl.engine.PassReport;
import io.execctl.kis.DailyOrderQuery;
import io.execctl.kis.DailyOrders;
import io.execctl.kis.OpenOrder;
import io.execctl.kis.Paged;
import io.execctl.store.OrderTx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Today's listing shared between the syncs ({@link TodayListing#today}), system tier (strict simulator
 * in real mode, PostgreSQL): a bootstrap's sync-fills takes the complete listing sync-unfilled fetched
 * seconds before instead of fetching it again; a pass never reuses its own fetch nor takes one listing
 * twice; and a listing requested before other writes stays evidence only for what it proves — an
 * order that moved on after it is not moved back, an order placed after it is not resolved by it.
 * Also what the bootstrap's passes no longer repeat: a deficit already timed under the same proof is
 * not locked again until its lag window has passed.
 */
class SyncListingShareSimTest {
    static SyncFixture f;

    /** Every daily-ccld query the passes made. */
    final List<DailyOrderQuery> queries = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start(@TempDir Path rateDir) {
        f = new SyncFixture(rateDir, KisEnv.REAL, null);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @BeforeEach
    void reset() {
        f.reset();
        queries.clear();
    }

    private SyncParts parts() {
        BrokerInquiries real = BrokerInquiries.of(f.client);
        BrokerInquiries counting = new BrokerInquiries() {
            @Override
            public DailyOrders dailyOrders(DailyOrderQuery query) {
                queries.add(query);
                return real.dailyOrders(query);
            }

            @Override
            public Paged<OpenOrder> openOrders() {
                return real.openOrders();
            }
        };
        return new SyncParts(f.jdbi, counting, SyncFixture.ACCOUNT, f.ownership, Duration.ZERO, f.clock, f.counters);
    }

    private DailyOrders listing() {
        return f.client.dailyOrders(DailyOrderQuery.range(f.today(), f.today()));
    }

    @Test
    void syncFillsTakesTheListingSyncUnfilledFetchedOnceAndNeverItsOwn() {
        OrderKey filled = f.buy("000660", 6, "MKT", null); // missing from the open list: daily-ccld needed
        OrderKey resting = f.buy("035420", 3, "LMT", "180000");
        TodayListing today = new TodayListing(TodayListing.DEFAULT_MAX_AGE);

        PassReport unfilled = new UnfilledSync(parts(), today).run();
        PassReport fills = new FillsSync(parts(), today).run();

        assertThat(unfilled.complete()).isTrue();
        assertThat(fills.complete()).isTrue();
        assertThat(queries).as("one account-wide listing for both steps").hasSize(1);
        assertThat(fills.summary()).contains("not fetched again");
        assertThat(f.order(filled).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(f.order(resting).status()).isEqualTo(OrderStatus.SUBMITTED);
        f.assertAgreesWithLedger(f.today());

        new FillsSync(parts(), today).run(); // already took that listing: fetches
        new FillsSync(parts(), today).run(); // the held listing is its own: fetches
        assertThat(queries).hasSize(3);

        f.clock.advance(TodayListing.SYNC_REUSE_AGE.plusSeconds(1));
        f.buy("051910", 2, "MKT", null);
        new UnfilledSync(parts(), today).run(); // sync-fills' listing, but past the sync reuse window
        assertThat(queries).hasSize(4);
    }

    @Test
    void aListingRequestedBeforeLaterWritesNeitherMovesAnOrderBackNorResolvesAnOrderPlacedAfterIt() {
        OrderKey moved = f.buy("000660", 3, "LMT", "150000"); // resting
        DailyOrders before = listing(); // shows it open, nothing executed
        f.sim.broker().setPrice("000660", 140_000); // the market crosses it: filled at the broker
        assertThat(f.broker(moved).filledQty()).isEqualTo(3);
        f.noticesFor(moved); // the notice path recorded it after the listing was requested
        assertThat(f.order(moved).status()).isEqualTo(OrderStatus.FILLED);
        OrderKey later = f.buy("035420", 4, "MKT", null); // placed (and filled) after the listing
        long outbox = f.count("SELECT count(*) FROM trade.outbox");

        // sync-fills takes the older listing sync-unfilled offered
        TodayListing forFills = new TodayListing(TodayListing.DEFAULT_MAX_AGE);
        forFills.offer(f.today(), before, f.clock.instant(), SyncFixture.ACCOUNT, UnfilledSync.PASS);
        PassReport fills = new FillsSync(parts(), forFills).run();

        assertThat(queries).as("the listing was taken, not fetched").isEmpty();
        assertThat(fills.changed()).isZero();
        assertThat(f.order(moved).status()).as("not moved back").isEqualTo(OrderStatus.FILLED);
        assertThat(f.order(moved).filledQty()).isEqualTo(3);
        assertThat(f.fills(moved)).isNotEmpty().allSatisfy(x -> assertThat(x.voided())
                .isFalse());
        assertThat(f.count("SELECT count(*) FROM trade.fill_deficits")).isZero();
        assertThat(f.order(later).status())
                .as("absent from the listing: untouched")
                .isEqualTo(OrderStatus.SUBMITTED);
        assertThat(f.count("SELECT count(*) FROM trade.outbox")).isEqualTo(outbox);

        // sync-unfilled takes an older listing sync-fills offered: the later order is missing from the
        // open list and absent from the listing — left, counted unresolved, never guessed
        TodayListing forUnfilled = new TodayListing(TodayListing.DEFAULT_MAX_AGE);
        forUnfilled.offer(f.today(), before, f.clock.instant(), SyncFixture.ACCOUNT, FillsSync.PASS);
        PassReport unfilled = new UnfilledSync(parts(), forUnfilled).run();

        assertThat(queries).isEmpty();
        assertThat(unfilled.complete()).isTrue();
        assertThat(unfilled.unresolved()).isEqualTo(1);
        assertThat(f.order(later).status()).isEqualTo(OrderStatus.SUBMITTED);
        assertThat(f.fills(later)).isEmpty();

        // its own fetch (the next pass) resolves it
        PassReport fresh = new FillsSync(parts(), forFills).run();
        assertThat(queries).hasSize(1);
        assertThat(fresh.changed()).isEqualTo(1);
        assertThat(f.order(later).status()).isEqualTo(OrderStatus.FILLED);
        f.assertAgreesWithLedger(f.today());
    }

    @Test
    void aDeficitAlreadyTimedUnderTheSameProofIsNotLockedAgainUntilItIsDue() throws Exception {
        OrderKey k = f.buy("000660", 3, "LMT", "150000");
        f.sim.broker().setPrice("000660", 140_000); // filled at the broker; no notice reached us
        Duration lag = Duration.ofSeconds(60);
        assertThat(new FillsSync(f.parts(lag)).run().complete()).isTrue();
        assertThat(f.count("SELECT count(*) FROM trade.fill_deficits")).isEqualTo(1);
        Order timed = f.order(k);

        ExecutorService pass = Executors.newSingleThreadExecutor();
        try (Handle holder = f.jdbi.open()) {
            holder.begin();
            holder.createQuery("SELECT pg_advisory_xact_lock(:k)")
                    .bind("k", OrderTx.lockKey(k))
                    .mapTo(String.class)
                    .one();
            // the order's lock is held elsewhere: a pass that wanted it would wait
            PassReport again =
                    pass.submit(() -> new FillsSync(f.parts(lag)).run()).get(30, TimeUnit.SECONDS);
            holder.rollback();
            assertThat(again.changed()).isZero();
            assertThat(f.order(k)).isEqualTo(timed);
            assertThat(f.fills(k)).isEmpty();
        } finally {
            pass.shutdownNow();
        }

        f.clock.advance(lag.plusSeconds(1)); // due: the pass takes the lock and infers
        assertThat(new FillsSync(f.parts(lag)).run().changed()).isEqualTo(1);
        assertThat(f.order(k).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(f.fills(k)).singleElement().satisfies(x -> assertThat(x.source())
                .isEqualTo(FillSource.INFERRED));
        f.assertAgreesWithLedger(f.today());
    }
}
