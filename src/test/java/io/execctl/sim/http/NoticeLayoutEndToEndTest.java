package io.execctl.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.execctl.domain.KisEnv;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Paper's notices in the 23-field layout by default and real's in 26 (REFERENCE.md §14.2), and the
 * branch variation of fault runs, seen on a raw WebSocket with javax.crypto.
 */
class NoticeLayoutEndToEndTest {
    Simulator sim;
    WebSocket ws;

    @AfterEach
    void stop() {
        if (ws != null) {
            ws.abort();
        }
        if (sim != null) {
            sim.close();
        }
    }

    /** Orders one market buy and returns the order response and its decrypted notice records. */
    private Placed orderAndCollect(SimOptions options) throws Exception {
        sim = Simulator.start(options.withSpeed(0)
                .withRateLimit(0.0)
                .withClock(new MutableClock(Instant.parse("2026-11-24T00:00:00Z"))));
        boolean paper = options.paper();
        RawKis kis = new RawKis(sim.restUrl()).login();
        String approval = kis.postJson(
                        "/oauth2/Approval",
                        "{\"grant_type\":\"client_credentials\",\"appkey\":\"" + RawKis.KEY + "\",\"secretkey\":\""
                                + RawKis.SECRET + "\"}")
                .json()
                .get("approval_key")
                .asText();
        WebSocketEndToEndTest.Collector col = new WebSocketEndToEndTest.Collector();
        ws = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(sim.wsUrl()), col)
                .get();
        String trId = paper ? "H0STCNI9" : "H0STCNI0";
        ws.sendText(
                        "{\"header\":{\"approval_key\":\"" + approval + "\",\"custtype\":\"P\",\"tr_type\":\"1\","
                                + "\"content-type\":\"utf-8\"},\"body\":{\"input\":{\"tr_id\":\"" + trId
                                + "\",\"tr_key\":\"demo\"}}}",
                        true)
                .get();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> col.texts.stream().anyMatch(t -> t.contains("SUBSCRIBE SUCCESS")));
        JsonNode ack = RawKis.M.readTree(col.texts.stream()
                .filter(t -> t.contains("SUBSCRIBE SUCCESS"))
                .findFirst()
                .orElseThrow());
        String key = ack.at("/body/output/key").asText();
        String iv = ack.at("/body/output/iv").asText();
        JsonNode response = kis.order(paper ? "VTTC0012U" : "TTTC0012U", "005930", "01", 3, 0)
                .json();
        assertThat(response.get("rt_cd").asText()).isEqualTo("0");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> col.texts.stream().filter(t -> t.startsWith("1|")).count() >= 2);
        List<String[]> records = new ArrayList<>();
        for (String t : col.texts) {
            if (t.startsWith("1|")) {
                String[] parts = t.split("\\|", 4);
                assertThat(parts[1]).isEqualTo(trId);
                assertThat(parts[2]).isEqualTo("001");
                records.add(WebSocketEndToEndTest.decrypt(parts[3], key, iv).split("\\^", -1));
            }
        }
        return new Placed(response.get("output"), records);
    }

    record Placed(JsonNode output, List<String[]> records) {}

    @Test
    void paperNoticesHaveTheMeasured23FieldLayoutByDefault() throws Exception {
        Placed p = orderAndCollect(SimOptions.defaults().withEnv(KisEnv.PAPER));
        assertThat(p.records()).allSatisfy(r -> {
            assertThat(r).hasSize(23);
            assertThat(r[2]).isEqualTo(p.output().get("ODNO").asText());
            assertThat(r[8]).isEqualTo("005930");
            assertThat(r[18]).isEqualTo("1Y");
            assertThat(r[19]).isEqualTo("10");
            assertThat(r[20]).isEmpty();
            assertThat(r[21]).isEqualTo("삼성전자");
            assertThat(r[22]).isEqualTo("0000000000"); // the order price of a market order
        });
    }

    @Test
    void realNoticesHave26FieldsAndPaperCanBeToldTo() throws Exception {
        Placed p = orderAndCollect(SimOptions.defaults().withEnv(KisEnv.REAL));
        assertThat(p.records()).allSatisfy(r -> assertThat(r).hasSize(26));
    }

    @Test
    void paperWith26FieldsWhenAsked() throws Exception {
        Placed p = orderAndCollect(SimOptions.defaults().withEnv(KisEnv.PAPER).withNoticeLayout(26));
        assertThat(p.records()).allSatisfy(r -> assertThat(r).hasSize(26));
    }

    @Test
    void noticeLayoutOptionIsChecked() {
        assertThat(SimOptions.defaults().withEnv(KisEnv.PAPER).layout23()).isTrue();
        assertThat(SimOptions.defaults().withEnv(KisEnv.REAL).layout23()).isFalse();
        assertThat(SimOptions.defaults()
                        .withEnv(KisEnv.REAL)
                        .withNoticeLayout(23)
                        .layout23())
                .isTrue();
        assertThatThrownBy(() -> SimOptions.defaults().withNoticeLayout(24)).hasMessageContaining("23 or 26");
    }

    @Test
    void underBranchVariationTheNoticesBranchIsNotTheOrderResponses() throws Exception {
        Placed p = orderAndCollect(
                SimOptions.defaults().withEnv(KisEnv.REAL).withFaults(Faults.parse("{\"branch_variation\":true}")));
        String branch = p.output().get("KRX_FWDG_ORD_ORGNO").asText();
        assertThat(branch).isEqualTo("06590");
        assertThat(p.records())
                .allSatisfy(r -> assertThat(r[15]).matches("\\d{5}").isNotEqualTo(branch));
    }
}
