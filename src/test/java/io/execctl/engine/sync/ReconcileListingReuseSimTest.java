package io.execctl.engine.sync;

import io.execctl.domain.FillSource;
import io.execctl.domain.KisEnv;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderStatus;
import io.execctl.engine.PassReport;
import io.execctl.kis.DailyOrderQuery;
import io.execctl.kis.DailyOrders;
import io.execctl.kis.OpenOrder;
import io.execctl.kis.Paged;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reuse rule of {@code reconcile} (system tier: strict simulator in real mode, PostgreSQL): a
 * today's order whose row is in today's <em>complete</em> listing fetched moments before needs no
 * targeted inquiry, and its row goes through the fill model as a targeted answer would; an order
 * absent from the complete listing still gets its targeted inquiry (absence from one listing proves
 * nothing by itself); an incomplete listing proves nothing; a listing older than its reuse window is
 * not used; the inquiry budget leaves orders to the next pass instead of asking past it.
 */
class ReconcileListingReuseSimTest {
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

    private long targeted() {
        return queries.stream().filter(q -> !q.symbol().isEmpty()).count();
    }

    private DailyOrders listing() {
        return f.client.dailyOrders(DailyOrderQuery.range(f.today(), f.today()));
    }

    @Test
    void anOrderProvenByTheCompleteListingNeedsNoTargetedInquiry() {
        OrderKey partial = f.buy("005930", 500, "LMT", "72000");
        OrderKey resting = f.buy("000660", 3, "LMT", "150000");
        assertThat(f.broker(partial).filledQty()).isBetween(1L, 499L);
        TodayListing today = new TodayListing(TodayListing.DEFAULT_MAX_AGE);
        today.offer(f.today(), listing(), f.clock.instant(), SyncFixture.ACCOUNT);

        PassReport r = new Reconciler(parts(), today, null).run();

        assertThat(targeted()).as("no targeted inquiry: %s", queries).isZero();
        assertThat(r.complete()).isTrue();
        assertThat(r.summary()).contains("0 inquiries").contains("2 answered by today's complete listing");
        // the listing's row went through the fill model as a targeted answer would have
        assertThat(f.order(partial).filledQty()).isEqualTo(f.broker(partial).filledQty());
        assertThat(f.order(partial).status()).isEqualTo(OrderStatus.PARTIAL);
        assertThat(f.fills(partial)).allSatisfy(x -> assertThat(x.source()).isEqualTo(FillSource.INFERRED));
        assertThat(f.order(resting).status()).isNotIn(OrderStatus.FILLED, OrderStatus.CANCELLED);

        PassReport again = new Reconciler(parts(), today, null).run();
        assertThat(again.changed()).as("idempotent").isZero();
    }

    @Test
    void theListingFetchedBySyncFillsIsTheOneReused() {
        f.buy("005930", 2, "LMT", "60000");
        f.buy("000660", 3, "LMT", "150000");
        TodayListing today = new TodayListing(TodayListing.DEFAULT_MAX_AGE);

        assertThat(new FillsSync(parts(), today).run().complete()).isTrue();
        PassReport r = new Reconciler(parts(), today, null).run();

        assertThat(queries).as("one account-wide listing, nothing targeted").hasSize(1);
        assertThat(r.summary()).contains("2 answered by today's complete listing");
    }

    @Test
    void anOrderAbsentFromTheCompleteListingStillGetsItsTargetedInquiry() {
        OrderKey listed = f.buy("005930", 2, "LMT", "60000");
        TodayListing today = new TodayListing(TodayListing.DEFAULT_MAX_AGE);
        today.offer(f.today(), listing(), f.clock.instant(), SyncFixture.ACCOUNT);
        OrderKey later = f.buy("035420", 4, "MKT", null); // after the listing: absent from it

        PassReport r = new Reconciler(parts(), today, null).run();

        assertThat(queries)
                .as("only the absent order is asked about")
                .singleElement()
                .satisfies(q -> assertThat(q.symbol()).isEqualTo("035420"));
        assertThat(r.complete()).isTrue();
        assertThat(r.summary()).contains("1 inquiries").contains("1 answered by today's complete listing");
        assertThat(f.order(later).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(f.order(listed).status()).isEqualTo(OrderStatus.SUBMITTED);
    }

    @Test
    void anIncompleteListingProvesNothing() {
        f.buy("005930", 2, "LMT", "60000");
        f.buy("000660", 3, "LMT", "150000");
        TodayListing today = new TodayListing(TodayListing.DEFAULT_MAX_AGE);
        DailyOrders whole = listing();
        today.offer(f.today(), whole, f.clock.instant(), SyncFixture.ACCOUNT);
        DailyOrders cut = new DailyOrders(
                Paged.incomplete(whole.orders().rows(), whole.orders().pages(), "test: cut"), whole.totals());
        today.offer(f.today(), cut, f.clock.instant(), SyncFixture.ACCOUNT); // drops the complete one too

        PassReport r = new Reconciler(parts(), today, null).run();

        assertThat(targeted()).as("every order asked about: %s", queries).isEqualTo(2);
        assertThat(r.summary()).doesNotContain("answered by today's complete listing");
    }

    @Test
    void aListingOlderThanItsReuseWindowIsNotUsed() {
        f.buy("005930", 2, "LMT", "60000");
        TodayListing today = new TodayListing(Duration.ofSeconds(30));
        today.offer(f.today(), listing(), f.clock.instant(), SyncFixture.ACCOUNT);
        f.clock.advance(Duration.ofSeconds(31));

        new Reconciler(parts(), today, null).run();

        assertThat(targeted()).isEqualTo(1);
    }

    @Test
    void theInquiryBudgetLeavesOrdersToTheNextPassWithoutGuessing() {
        OrderKey a = f.buy("005930", 2, "MKT", null);
        f.buy("000660", 3, "MKT", null);

        PassReport r = new Reconciler(parts(), TodayListing.none(), Duration.ZERO).run();

        assertThat(queries).isEmpty();
        assertThat(r.unresolved()).isEqualTo(2);
        assertThat(r.changed()).isZero();
        assertThat(r.summary()).contains("2 deferred (inquiry budget spent)");
        assertThat(f.order(a).status()).isEqualTo(OrderStatus.SUBMITTED);
    }
}
