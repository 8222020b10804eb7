package io.execctl.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.execctl.domain.KisEnv;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.testing.MutableClock;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The composed simulator (real market, real WebSocket server) over raw HTTP. */
class SimulatorEndToEndTest {
    static final BigDecimal FEE = new BigDecimal("0.00015");
    static final BigDecimal TAX = new BigDecimal("0.0018");
    Simulator sim;
    Simulator other;

    static SimOptions options(KisEnv env, long seed) {
        return SimOptions.defaults()
                .withEnv(env)
                .withSeed(seed)
                .withSpeed(0)
                .withRateLimit(0.0)
                .withClock(new MutableClock(Instant.parse("2026-11-24T00:00:00Z")));
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
        if (other != null) {
            other.close();
        }
    }

    RawKis start(KisEnv env) {
        sim = Simulator.start(options(env, 1));
        return new RawKis(sim.restUrl()).login();
    }

    static JsonNode ledger(RawKis kis) {
        RawKis.Resp r = kis.control("GET", "/sim/ledger", null);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    static void advance(RawKis kis, int seconds) {
        RawKis.Resp r = kis.control("POST", "/sim/session", "{\"action\":\"advance\",\"seconds\":" + seconds + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** A fixed request sequence touching every order path. */
    static void scenario(RawKis kis) {
        kis.order("TTTC0012U", "005930", "01", 30, 0);
        kis.order("TTTC0012U", "000660", "00", 7, 179000);
        kis.order("TTTC0012U", "035420", "00", 5, 209000);
        advance(kis, 900);
        kis.order("TTTC0011U", "005930", "01", 12, 0);
        String open = kis.order("TTTC0012U", "051910", "00", 9, 380000)
                .json()
                .path("output")
                .path("ODNO")
                .asText();
        kis.revise("TTTC0013U", "06590", open, "02", "00", 4, 0, false);
        kis.control(
                "POST",
                "/sim/external-order",
                "{\"symbol\":\"068270\",\"side\":\"BUY\",\"ord_dvsn\":\"01\",\"qty\":3,\"price\":0}");
        advance(kis, 1800);
    }

    @Test
    void ledgerHasTheIssueShape() {
        RawKis kis = start(KisEnv.REAL);
        scenario(kis);
        JsonNode l = ledger(kis);
        assertThat(fields(l)).containsExactlyInAnyOrder("account", "cash", "orders", "holdings");
        assertThat(l.get("account").asText()).isEqualTo("50000001-01");
        assertThat(l.get("cash").isTextual()).isTrue();
        new BigDecimal(l.get("cash").asText());
        assertThat(l.get("orders").size()).isGreaterThanOrEqualTo(7);
        for (JsonNode o : l.get("orders")) {
            assertThat(fields(o))
                    .containsExactlyInAnyOrder(
                            "order_date",
                            "branch",
                            "odno",
                            "orig_odno",
                            "symbol",
                            "side",
                            "ord_dvsn",
                            "qty",
                            "price",
                            "status",
                            "filled_qty",
                            "cancelled_qty",
                            "source",
                            "executions");
            assertThat(o.get("order_date").asText()).isEqualTo("20261124");
            assertThat(o.get("branch").asText()).isEqualTo("06590");
            assertThat(o.get("odno").asText()).matches("\\d{10}");
            assertThat(o.get("qty").isIntegralNumber()).isTrue();
            assertThat(o.get("filled_qty").isIntegralNumber()).isTrue();
            assertThat(o.get("cancelled_qty").isIntegralNumber()).isTrue();
            assertThat(o.get("price").isTextual()).isTrue();
            assertThat(o.get("status").asText()).isIn("OPEN", "FILLED", "CANCELLED", "REJECTED", "EXPIRED");
            assertThat(o.get("side").asText()).isIn("BUY", "SELL");
            assertThat(o.get("source").asText()).isIn("API", "HTS");
            for (JsonNode e : o.get("executions")) {
                assertThat(fields(e)).containsExactlyInAnyOrder("qty", "price", "time");
                assertThat(e.get("qty").isIntegralNumber()).isTrue();
                assertThat(e.get("price").isTextual()).isTrue();
                assertThat(e.get("time").asText()).matches("\\d{6}");
            }
        }
        assertThat(l.get("orders").findValuesAsText("source")).contains("HTS");
        assertThat(l.get("orders").findValuesAsText("orig_odno")).anyMatch(s -> !s.isEmpty());
        for (JsonNode h : l.get("holdings")) {
            assertThat(fields(h)).containsExactlyInAnyOrder("symbol", "qty", "avg_price");
            assertThat(h.get("qty").isIntegralNumber()).isTrue();
            assertThat(h.get("avg_price").isTextual()).isTrue();
        }
    }

    @Test
    void ledgerInvariantsHoldAndInquiriesAgreeWithIt() {
        RawKis kis = start(KisEnv.REAL);
        scenario(kis);
        JsonNode l = ledger(kis);
        BigDecimal cash = new BigDecimal("100000000");
        Map<String, Long> held = new HashMap<>();
        Map<String, Long> filledByOdno = new HashMap<>();
        for (JsonNode o : l.get("orders")) {
            long sum = 0;
            boolean buy = o.get("side").asText().equals("BUY");
            for (JsonNode e : o.get("executions")) {
                long q = e.get("qty").asLong();
                BigDecimal amt = new BigDecimal(e.get("price").asText()).multiply(BigDecimal.valueOf(q));
                BigDecimal fee = amt.multiply(FEE).setScale(0, RoundingMode.FLOOR);
                if (buy) {
                    cash = cash.subtract(amt).subtract(fee);
                } else {
                    cash = cash.add(amt)
                            .subtract(fee)
                            .subtract(amt.multiply(TAX).setScale(0, RoundingMode.FLOOR));
                }
                held.merge(o.get("symbol").asText(), buy ? q : -q, Long::sum);
                sum += q;
            }
            assertThat(sum)
                    .as("executions of %s sum to filled_qty", o.get("odno"))
                    .isEqualTo(o.get("filled_qty").asLong());
            assertThat(o.get("filled_qty").asLong() + o.get("cancelled_qty").asLong())
                    .isLessThanOrEqualTo(o.get("qty").asLong());
            filledByOdno.put(o.get("odno").asText(), o.get("filled_qty").asLong());
        }
        assertThat(held.values().stream().mapToLong(Long::longValue).sum())
                .as("something traded")
                .isPositive();
        assertThat(new BigDecimal(l.get("cash").asText())).isEqualByComparingTo(cash);
        Map<String, Long> ledgerHoldings = new HashMap<>();
        l.get("holdings")
                .forEach(h -> ledgerHoldings.put(
                        h.get("symbol").asText(), h.get("qty").asLong()));
        held.forEach(
                (s, q) -> assertThat(ledgerHoldings.getOrDefault(s, 0L)).as(s).isEqualTo(q));

        RawKis.Resp daily = kis.get(KisEndpoint.INQUIRE_DAILY_CCLD.path(), "TTTC0081R", RawKis.dailyParams("20261124"));
        long total = 0;
        for (JsonNode row : daily.json().get("output1")) {
            assertThat(Long.parseLong(row.get("tot_ccld_qty").asText()))
                    .as(row.get("odno").asText())
                    .isEqualTo(filledByOdno.get(row.get("odno").asText()));
            total += Long.parseLong(row.get("tot_ccld_qty").asText());
        }
        assertThat(daily.json().get("output1")).hasSize(l.get("orders").size());
        assertThat(Long.parseLong(
                        daily.json().get("output2").get("tot_ccld_qty").asText()))
                .isEqualTo(total);

        RawKis.Resp bal = kis.get(KisEndpoint.INQUIRE_BALANCE.path(), "TTTC8434R", RawKis.balanceParams());
        // trades settle T+2: the D+2 figure is the ledger's cash, the deposit still the initial one today
        assertThat(new BigDecimal(bal.json()
                        .get("output2")
                        .get(0)
                        .get("prvs_rcdl_excc_amt")
                        .asText()))
                .isEqualByComparingTo(cash);
        assertThat(new BigDecimal(
                        bal.json().get("output2").get(0).get("dnca_tot_amt").asText()))
                .isEqualByComparingTo(new BigDecimal(100_000_000L));
        for (JsonNode h : bal.json().get("output1")) {
            assertThat(Long.parseLong(h.get("hldg_qty").asText()))
                    .isEqualTo(held.getOrDefault(h.get("pdno").asText(), 0L));
        }
    }

    @Test
    void sameSeedSameRequestsGiveIdenticalLedgers() {
        RawKis a = start(KisEnv.REAL);
        other = Simulator.start(options(KisEnv.REAL, 1));
        RawKis b = new RawKis(other.restUrl()).login();
        scenario(a);
        scenario(b);
        String la = a.control("GET", "/sim/ledger", null).body();
        String lb = b.control("GET", "/sim/ledger", null).body();
        assertThat(la).isEqualTo(lb);
        assertThat(a.control("GET", "/sim/prices", null).body())
                .isEqualTo(b.control("GET", "/sim/prices", null).body());
    }

    @Test
    void controlApi() {
        RawKis kis = start(KisEnv.REAL);
        JsonNode health = kis.control("GET", "/sim/health", null).json();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("trading_date").asText()).isEqualTo("20261124");
        assertThat(health.get("time").asText()).isEqualTo("090000");
        assertThat(health.get("market_open").asBoolean()).isTrue();

        assertThat(kis.control("POST", "/sim/prices", "{\"005930\":73000}")
                        .json()
                        .get("005930")
                        .asLong())
                .isEqualTo(73000);
        assertThat(kis.control("POST", "/sim/prices", "{\"005930\":73050}").status())
                .as("off the grid")
                .isEqualTo(400);
        assertThat(kis.control("POST", "/sim/prices", "{\"999999\":1000}").status())
                .isEqualTo(400);

        JsonNode ext = kis.control(
                        "POST",
                        "/sim/external-order",
                        "{\"symbol\":\"005930\",\"side\":\"BUY\",\"ord_dvsn\":\"00\",\"qty\":2,\"price\":70000}")
                .json();
        assertThat(ext.get("result").asText()).isEqualTo("accepted");
        assertThat(ledger(kis).get("orders").get(0).get("source").asText()).isEqualTo("HTS");

        RawKis.Resp bad = kis.control("POST", "/sim/faults", "{\"rest_5xx_rat\":0.5}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).contains("rest_5xx_rat");
        assertThat(kis.control("POST", "/sim/faults", "{\"ws_drop_rate\":0.25}").status())
                .isEqualTo(200);
        assertThat(kis.control("GET", "/sim/faults", null)
                        .json()
                        .get("ws_drop_rate")
                        .asDouble())
                .isEqualTo(0.25);
        assertThat(sim.wsServer().faults().dropRate()).isEqualTo(0.25);
        kis.control("POST", "/sim/faults", "{}");
        assertThat(sim.faults()).isEqualTo(Faults.NONE);

        assertThat(kis.control("POST", "/sim/session", "{\"action\":\"close\"}")
                        .json()
                        .get("market_open")
                        .asBoolean())
                .isFalse();
        RawKis.Resp closed = kis.order("TTTC0012U", "005930", "01", 1, 0);
        assertThat(closed.json().get("rt_cd").asText()).isEqualTo("7");
        assertThat(closed.msgCd()).startsWith("APBK");
        kis.control("POST", "/sim/session", "{\"action\":\"open\"}");
        assertThat(kis.order("TTTC0012U", "005930", "01", 1, 0)
                        .json()
                        .get("rt_cd")
                        .asText())
                .isEqualTo("0");
        assertThat(kis.control("POST", "/sim/session", "{\"action\":\"advance\",\"seconds\":90}")
                        .json()
                        .get("time")
                        .asText())
                .isEqualTo("090130");
        assertThat(kis.control("POST", "/sim/session", "{\"action\":\"jump\"}").status())
                .isEqualTo(400);
        assertThat(kis.control("POST", "/sim/session", "{\"action\":\"day\",\"date\":\"20261124\"}")
                        .status())
                .isEqualTo(400);
        JsonNode nextDay = kis.control("POST", "/sim/session", "{\"action\":\"day\",\"date\":\"20261125\"}")
                .json();
        assertThat(nextDay.get("trading_date").asText()).isEqualTo("20261125");
        assertThat(nextDay.get("time").asText()).isEqualTo("090000");
        assertThat(kis.order("TTTC0012U", "005930", "01", 1, 0)
                        .json()
                        .get("output")
                        .get("ODNO")
                        .asText())
                .as("ODNO restarts each trading day")
                .isEqualTo("0000000001");
        assertThat(kis.control("POST", "/sim/ws/drop", "").status()).isEqualTo(200);

        assertThat(kis.control("POST", "/sim/reset", "").status()).isEqualTo(200);
        JsonNode after = ledger(kis);
        assertThat(after.get("orders")).isEmpty();
        assertThat(after.get("cash").asText()).isEqualTo("100000000");
        assertThat(kis.control("GET", "/sim/nope", null).status()).isEqualTo(404);
    }

    @Test
    void paperEnvironmentRules() {
        RawKis kis = start(KisEnv.PAPER);
        RawKis.Resp ok = kis.order("VTTC0012U", "005930", "00", 1, 70000);
        assertThat(ok.msgCd()).isEqualTo("40600000");
        assertThat(ok.json().get("output").get("KRX_FWDG_ORD_ORGNO").asText()).isEqualTo("00950");
        RawKis.Resp afterHours = kis.order("VTTC0012U", "005930", "05", 1, 70000);
        assertThat(afterHours.json().get("rt_cd").asText()).isEqualTo("1");
        assertThat(kis.get(
                                KisEndpoint.INQUIRE_PSBL_RVSECNCL.path(),
                                "VTTC0084R",
                                Map.of("CANO", "50000001", "ACNT_PRDT_CD", "01"))
                        .msgCd())
                .isEqualTo("90000000");
    }

    @Test
    void acceptedThenResetOrderIsInTheLedger() {
        RawKis kis = start(KisEnv.REAL);
        sim.setFaults(Faults.parse("{\"order_reset_after_accept_rate\":1.0}"));
        try {
            kis.order("TTTC0012U", "005930", "00", 4, 70000);
        } catch (UncheckedIOException expected) {
            // the client never learns the ODNO
        }
        JsonNode orders = ledger(kis).get("orders");
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).get("qty").asLong()).isEqualTo(4);
        assertThat(orders.get(0).get("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void readyLineHasTheThreeUrls() throws Exception {
        sim = Simulator.start(options(KisEnv.REAL, 1));
        JsonNode j = RawKis.M.readTree(sim.readyLine());
        assertThat(sim.readyLine()).startsWith("{\"rest\":\"http://127.0.0.1:").doesNotContain("\n");
        assertThat(fields(j)).containsExactlyInAnyOrder("rest", "ws", "admin");
        assertThat(j.get("rest").asText())
                .matches("http://127\\.0\\.0\\.1:\\d+")
                .isEqualTo(sim.restUrl());
        assertThat(j.get("ws").asText()).matches("ws://127\\.0\\.0\\.1:\\d+");
        assertThat(j.get("admin").asText()).isEqualTo(sim.restUrl() + "/sim");
    }

    @Test
    void modifyMovesTheOpenQuantityToItsOwnOdno() {
        RawKis kis = start(KisEnv.REAL);
        String orig = kis.order("TTTC0012U", "005930", "00", 10, 65000)
                .json()
                .get("output")
                .get("ODNO")
                .asText();
        RawKis.Resp modify = kis.revise("TTTC0013U", "06590", orig, "01", "00", 0, 66000, true);
        assertThat(modify.json().get("rt_cd").asText()).as(modify.body()).isEqualTo("0");
        String moved = modify.json().get("output").get("ODNO").asText();
        assertThat(moved).isNotEqualTo(orig);
        Map<String, String> p = new LinkedHashMap<>(Map.of(
                "CANO",
                "50000001",
                "ACNT_PRDT_CD",
                "01",
                "INQR_DVSN_1",
                "1",
                "INQR_DVSN_2",
                "0",
                "CTX_AREA_FK100",
                "",
                "CTX_AREA_NK100",
                ""));
        JsonNode open = kis.get(KisEndpoint.INQUIRE_PSBL_RVSECNCL.path(), "TTTC0084R", p)
                .json()
                .get("output");
        assertThat(open).hasSize(1);
        assertThat(open.get(0).get("odno").asText()).isEqualTo(moved);
        assertThat(open.get(0).get("orgn_odno").asText()).isEqualTo(orig);
        assertThat(open.get(0).get("ord_unpr").asText()).isEqualTo("66000");
        assertThat(open.get(0).get("psbl_qty").asText()).isEqualTo("10");
        assertThat(open.get(0).get("rvse_cncl_dvsn_name").asText()).isEqualTo("정정");
        RawKis.Resp cancel = kis.revise("TTTC0013U", "06590", moved, "02", "00", 4, 0, false);
        assertThat(cancel.json().get("rt_cd").asText()).isEqualTo("0");
        assertThat(kis.get(KisEndpoint.INQUIRE_PSBL_RVSECNCL.path(), "TTTC0084R", p)
                        .json()
                        .get("output")
                        .get(0)
                        .get("psbl_qty")
                        .asText())
                .isEqualTo("6");
        assertThat(kis.revise("TTTC0013U", "06590", moved, "02", "00", 7, 0, false)
                        .msgCd())
                .isEqualTo("APBK0560");
        assertThat(kis.revise("TTTC0013U", "06590", "0000000099", "02", "00", 1, 0, false)
                        .msgCd())
                .isEqualTo("APBK0558");
        kis.control("POST", "/sim/prices", "{\"005930\":66000}");
        assertThat(kis.get(KisEndpoint.INQUIRE_PSBL_RVSECNCL.path(), "TTTC0084R", p)
                        .json()
                        .get("output"))
                .isEmpty();
        assertThat(kis.revise("TTTC0013U", "06590", moved, "02", "00", 0, 0, true)
                        .msgCd())
                .isEqualTo("APBK0559");
        RawKis.Resp daily = kis.get(KisEndpoint.INQUIRE_DAILY_CCLD.path(), "TTTC0081R", RawKis.dailyParams("20261124"));
        JsonNode rows = daily.json().get("output1");
        assertThat(rows).hasSize(3);
        assertThat(daily.json().get("output2").get("tot_ccld_qty").asText()).isEqualTo("6");
    }

    @Test
    void speedDrivesTheSessionClockAndZeroFreezesIt() {
        sim = Simulator.start(SimOptions.defaults().withSpeed(600).withRateLimit(0.0));
        RawKis kis = new RawKis(sim.restUrl());
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> kis.control("GET", "/sim/health", null)
                                .json()
                                .get("time")
                                .asText()
                                .compareTo("090100")
                        > 0);
        other = Simulator.start(options(KisEnv.REAL, 1));
        RawKis frozen = new RawKis(other.restUrl());
        frozen.control("GET", "/sim/health", null);
        assertThat(other.broker().clock().hhmmss()).isEqualTo("090000");
        assertThat(frozen.control("GET", "/sim/health", null).json().get("time").asText())
                .isEqualTo("090000");
    }

    static Set<String> fields(JsonNode n) {
        Set<String> s = new TreeSet<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            s.add(it.next());
        }
        return s;
    }

    static List<String> keys(JsonNode n) {
        return List.copyOf(fields(n));
    }
}
