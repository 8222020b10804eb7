package io.execctl.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execctl.domain.KisEnv;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.engine.LoggingAlerter;
import io.execctl.engine.ownership.PgOrderOwnership;
import io.execctl.store.OrderStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seam between {@code sync fills} and the intent's chain: an HTS modify of our order first seen by
 * daily-ccld. The original's row reads CANCELLED by its totals (the quantity moved to the modify); if
 * those totals were applied before the modify row is linked, the intent would read CANCELLED (terminal)
 * while the modify can still fill. With the real ownership decision, the intent stays SUBMITTED.
 * (The modify's fills reaching FILLED over the chain: {@code OrderChainSimTest}.)
 */
class FillsSyncModifyChainSimTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration LAG = Duration.ofSeconds(30);

    static SyncFixture f;

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
    }

    private String intentStatusOf(OrderKey key) {
        return f.jdbi.withHandle(h ->
                h.createQuery("""
                        SELECT i.status FROM trade.order_intents i JOIN trade.orders o ON o.intent_id = i.intent_id
                         WHERE o.order_id = :id""").bind("id", key.orderId()).mapTo(String.class).one());
    }

    @Test
    void anHtsModifySeenFirstByDailyCcldKeepsTheIntentOpen() throws Exception {
        OrderKey o = f.buy("005930", 10, "LMT", "71000");
        String modifyOdno = htsModify(o.odno(), 70500);
        OrderKey m = OrderKey.of(o.accountId(), o.orderDate(), modifyOdno);
        SyncParts parts = new SyncParts(
                f.jdbi,
                BrokerInquiries.of(f.client),
                SyncFixture.ACCOUNT,
                PgOrderOwnership.create(f.jdbi, new LoggingAlerter()),
                LAG,
                f.clock,
                f.counters);
        FillsSync sync = new FillsSync(parts);

        sync.run();

        assertThat(f.order(o).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(OrderStore.of(f.jdbi).findByKey(m).orElseThrow().source()).isEqualTo(OrderSource.REVISION);
        assertThat(intentStatusOf(o))
                .as("the modify may still fill: the intent must not read CANCELLED")
                .isEqualTo("SUBMITTED");
        assertThat(f.count("SELECT count(*) FROM trade.intent_outcomes WHERE status = 'CANCELLED'"))
                .as("no CANCELLED was ever announced")
                .isZero();

        sync.run();
        assertThat(intentStatusOf(o)).as("a second pass agrees").isEqualTo("SUBMITTED");
    }

    private static String htsModify(String origOdno, long price) throws Exception {
        String body = "{\"action\":\"modify\",\"orig_odno\":\"%s\",\"ord_dvsn\":\"00\",\"price\":%d}"
                .formatted(origOdno, price);
        HttpResponse<String> resp = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(f.sim.adminUrl() + "/external-revise"))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        JsonNode n = JSON.readTree(resp.body());
        assertThat(n.path("result").asText()).as(resp.body()).isEqualTo("accepted");
        return OrderKey.normalizeOdno(n.path("odno").asText());
    }
}
