package io.execctl.kis;

import io.execctl.domain.KisEnv;
import io.execctl.domain.OrderRequest;
import io.execctl.domain.Side;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.execctl.kis.KisFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call takes its access token before its rate slot: a slot taken and then held while a token is
 * issued would be wasted, and the call would go out late, bunched with the calls behind it.
 */
class TokenBeforeSlotTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    /** Each slot handed out, with how many requests the server had seen at that moment. */
    record Slot(RateBudget.Priority priority, int requestsBefore) {}

    private KisClient client(KisFixture f, List<Slot> slots) {
        RateBudget recording = (priority, maxWait) -> {
            slots.add(new Slot(priority, server.getRequestCount()));
            return Optional.of(Instant.EPOCH);
        };
        return KisClient.builder(f.settings)
                .tokenStore(f.store) // empty: the first call must have a token issued
                .clock(f.clock)
                .sleeper(f.sleeper)
                .rateBudget(recording)
                .build();
    }

    @Test
    void anOrderTakesItsSlotOnlyAfterItsTokenWasIssued() {
        KisFixture f = new KisFixture(server, KisEnv.REAL, dir);
        List<Slot> slots = new CopyOnWriteArrayList<>();
        KisClient c = client(f, slots);
        server.enqueue(tokenAnswer("issued-before-the-slot-0001"));
        server.enqueue(json(ORDER_OK));

        assertThat(c.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1)))
                .isInstanceOf(OrderOutcome.Accepted.class);

        // the token issuance's own slot, then the order's slot once the token is there
        assertThat(slots)
                .containsExactly(new Slot(RateBudget.Priority.ORDER, 0), new Slot(RateBudget.Priority.ORDER, 1));
    }

    @Test
    void anInquiryPageTakesItsSlotOnlyAfterItsTokenWasIssued() {
        KisFixture f = new KisFixture(server, KisEnv.REAL, dir);
        List<Slot> slots = new CopyOnWriteArrayList<>();
        KisClient c = client(f, slots);
        server.enqueue(tokenAnswer("issued-before-the-slot-0002"));
        server.enqueue(page(
                "D",
                "{\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0000\",\"msg1\":\"ok\",\"ctx_area_fk100\":\"\",\"ctx_area_nk100\":\"\","
                        + "\"output1\":[],\"output2\":[{\"dnca_tot_amt\":\"0\",\"nxdy_excc_amt\":\"0\",\"prvs_rcdl_excc_amt\":\"0\","
                        + "\"thdt_buy_amt\":\"0\",\"thdt_sll_amt\":\"0\",\"thdt_tlex_amt\":\"0\",\"scts_evlu_amt\":\"0\","
                        + "\"tot_evlu_amt\":\"0\",\"nass_amt\":\"0\",\"pchs_amt_smtl_amt\":\"0\",\"evlu_amt_smtl_amt\":\"0\","
                        + "\"evlu_pfls_smtl_amt\":\"0\"}]}"));

        c.balance();

        assertThat(slots)
                .containsExactly(new Slot(RateBudget.Priority.ORDER, 0), new Slot(RateBudget.Priority.INQUIRY, 1));
    }

    @Test
    void theSendFenceIsAskedAfterTokenAndSlotBeforeEveryAttempt() {
        KisFixture f = new KisFixture(server, KisEnv.REAL, dir);
        List<Slot> slots = new CopyOnWriteArrayList<>();
        List<Integer> fenceAsked = new CopyOnWriteArrayList<>();
        KisClient c = client(f, slots);
        server.enqueue(tokenAnswer("issued-before-the-slot-0003"));
        server.enqueue(json(500, RATE_LIMITED));
        server.enqueue(json(ORDER_OK));

        OrderOutcome out = c.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1), () -> {
            fenceAsked.add(slots.size());
            return true;
        });

        assertThat(out).isInstanceOf(OrderOutcome.Accepted.class);
        // asked once per attempt, each time after that attempt's slot (token slot + 2 order slots)
        assertThat(fenceAsked).containsExactly(2, 3);
    }

    @Test
    void aFenceThatRefusesSendsNothing() {
        KisFixture f = new KisFixture(server, KisEnv.REAL, dir).withToken();
        server.enqueue(json(ORDER_OK));
        OrderOutcome out = f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1), () -> false);
        assertThat(out).isInstanceOfSatisfying(OrderOutcome.Failed.class, x -> assertThat(x.reason())
                .contains("send fence refused"));
        OrderOutcome thrown = f.client.placeCashOrder(OrderRequest.market("005930", Side.BUY, 1), () -> {
            throw new IllegalStateException("database down");
        });
        assertThat(thrown).isInstanceOfSatisfying(OrderOutcome.Failed.class, x -> assertThat(x.reason())
                .contains("send fence failed"));
        assertThat(server.getRequestCount()).isZero();
    }
}
