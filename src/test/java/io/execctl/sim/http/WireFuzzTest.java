package io.execctl.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.domain.KisEnv;
import io.execctl.sim.Simulator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 seeded random requests — well-formed, malformed, oversized, wrong types, unknown TRs, raw garbage
 * on the socket — and 100 garbage WebSocket connections against the composed simulator; afterwards it
 * still serves (REST and WebSocket) and its ledger still balances (every execution in cash and holdings,
 * every order's quantities consistent).
 */
class WireFuzzTest {
    private static final String[] SYMBOLS = {"005930", "000660", "035420", "051910", "068270", "999999", "00593", ""};
    private static final String[] TRS = {
        "TTTC0012U",
        "TTTC0011U",
        "TTTC0802U",
        "TTTC0801U",
        "TTTC0013U",
        "TTTC0803U",
        "TTTC8001R",
        "TTTC0081R",
        "TTTC8434R",
        "TTTC8036R",
        "TTTC0084R",
        "VTTC0012U",
        "XXXX0000X",
        "",
        "CTSC9215R"
    };
    private static final String[] PATHS = {
        KisEndpoint.ORDER_CASH.path(),
        KisEndpoint.ORDER_RVSECNCL.path(),
        KisEndpoint.INQUIRE_DAILY_CCLD.path(),
        KisEndpoint.INQUIRE_BALANCE.path(),
        KisEndpoint.INQUIRE_PSBL_RVSECNCL.path(),
        "/uapi/domestic-stock/v1/trading/nope",
        "/oauth2/tokenP",
        "/uapi/hashkey"
    };

    Simulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void tenThousandRandomRequestsLeaveTheLedgerBalanced() throws Exception {
        sim = Simulator.start(SimulatorEndToEndTest.options(KisEnv.REAL, 7));
        RawKis kis = new RawKis(sim.restUrl()).login();
        int port = URI.create(sim.restUrl()).getPort();
        SplittableRandom rnd = new SplittableRandom(20261202L);
        Map<Integer, Integer> statuses = new HashMap<>();
        List<String> odnos = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            step(rnd.nextInt(100), rnd, kis, port, statuses, odnos);
        }
        assertThat(statuses).as("a mix of answers").containsKeys(200, 404, 500);
        assertThat(odnos).as("many orders accepted").hasSizeGreaterThan(200);
        URI ws = URI.create(sim.wsUrl());
        // a refused session waits ~1 s for the client's close frame: 25 garbage clients at a time
        ExecutorService pool = Executors.newFixedThreadPool(25);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                SplittableRandom own = rnd.split();
                done.add(pool.submit(() -> wsGarbage(ws.getPort(), own)));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(ws, new WebSocket.Listener() {})
                .get(10, TimeUnit.SECONDS);
        assertThat(socket.isInputClosed())
                .as("the WebSocket server still accepts sessions")
                .isFalse();
        socket.abort();
        // still serving, normally
        RawKis again = new RawKis(sim.restUrl());
        again.token = kis.token;
        assertThat(again.order("TTTC0012U", "005930", "01", 1, 0)
                        .json()
                        .get("rt_cd")
                        .asText())
                .isEqualTo("0");
        assertBalanced(kis);
    }

    private static void step(
            int kind, SplittableRandom rnd, RawKis kis, int port, Map<Integer, Integer> statuses, List<String> odnos) {
        if (kind < 3) {
            rawGarbage(port, rnd);
            return;
        }
        if (kind < 5) {
            SimulatorEndToEndTest.advance(kis, 1 + rnd.nextInt(120));
            return;
        }
        RawKis.Resp r;
        if (kind < 45) {
            r = kis.post(KisEndpoint.ORDER_CASH.path(), headers(kis, rnd), mutate(orderBody(rnd), rnd));
        } else if (kind < 60) {
            String orig = odnos.isEmpty() || rnd.nextInt(4) == 0
                    ? String.format("%010d", rnd.nextInt(100))
                    : odnos.get(rnd.nextInt(odnos.size()));
            r = kis.post(KisEndpoint.ORDER_RVSECNCL.path(), headers(kis, rnd), mutate(reviseBody(orig, rnd), rnd));
        } else if (kind < 85) {
            r = inquiry(kis, rnd);
        } else {
            r = anything(kis, rnd);
        }
        statuses.merge(r.status(), 1, Integer::sum);
        if (r.status() == 200 && r.body().startsWith("{")) {
            JsonNode out = r.json().path("output").path("ODNO");
            if (out.isTextual()) {
                odnos.add(out.asText());
            }
        }
    }

    /** Cash and holdings follow exactly from the executions; each order's quantities add up. */
    static void assertBalanced(RawKis kis) {
        JsonNode l = SimulatorEndToEndTest.ledger(kis);
        BigDecimal cash = new BigDecimal("100000000");
        Map<String, Long> held = new HashMap<>();
        int executions = 0;
        for (JsonNode o : l.get("orders")) {
            boolean buy = o.get("side").asText().equals("BUY");
            long sum = 0;
            for (JsonNode e : o.get("executions")) {
                long q = e.get("qty").asLong();
                BigDecimal amt = new BigDecimal(e.get("price").asText()).multiply(BigDecimal.valueOf(q));
                BigDecimal fee = amt.multiply(SimulatorEndToEndTest.FEE).setScale(0, RoundingMode.FLOOR);
                cash = buy
                        ? cash.subtract(amt).subtract(fee)
                        : cash.add(amt)
                                .subtract(fee)
                                .subtract(
                                        amt.multiply(SimulatorEndToEndTest.TAX).setScale(0, RoundingMode.FLOOR));
                held.merge(o.get("symbol").asText(), buy ? q : -q, Long::sum);
                sum += q;
                executions++;
            }
            assertThat(sum)
                    .as("executions of %s", o.get("odno"))
                    .isEqualTo(o.get("filled_qty").asLong());
            assertThat(o.get("filled_qty").asLong() + o.get("cancelled_qty").asLong())
                    .as("order %s", o.get("odno"))
                    .isLessThanOrEqualTo(o.get("qty").asLong());
            if (o.get("status").asText().equals("FILLED")) {
                assertThat(o.get("filled_qty").asLong()).isEqualTo(o.get("qty").asLong());
            }
        }
        assertThat(executions).as("the fuzz traded").isPositive();
        assertThat(new BigDecimal(l.get("cash").asText())).isEqualByComparingTo(cash);
        Map<String, Long> ledgerHoldings = new HashMap<>();
        l.get("holdings")
                .forEach(h -> ledgerHoldings.put(
                        h.get("symbol").asText(), h.get("qty").asLong()));
        held.forEach(
                (s, q) -> assertThat(ledgerHoldings.getOrDefault(s, 0L)).as(s).isEqualTo(q));
        ledgerHoldings.forEach(
                (s, q) -> assertThat(held.getOrDefault(s, 0L)).as(s).isEqualTo(q));
    }

    private static Map<String, String> headers(RawKis kis, SplittableRandom rnd) {
        Map<String, String> h =
                kis.headers(rnd.nextInt(4) == 0 ? pick(TRS, rnd) : (rnd.nextBoolean() ? "TTTC0012U" : "TTTC0011U"));
        int k = rnd.nextInt(40);
        switch (k) {
            case 0 -> h.remove("authorization");
            case 1 -> h.put("authorization", "Bearer x" + rnd.nextInt());
            case 2 -> h.remove("appkey");
            case 3 -> h.put("appsecret", "nope");
            case 4 -> h.put("custtype", "Z");
            case 5 -> h.remove("custtype");
            case 6 -> h.put("tr_cont", "N");
            default -> {}
        }
        return h;
    }

    private static ObjectNode orderBody(SplittableRandom rnd) {
        ObjectNode b = RawKis.M.createObjectNode();
        b.put("CANO", rnd.nextInt(30) == 0 ? "50000002" : "50000001");
        b.put("ACNT_PRDT_CD", "01");
        b.put("PDNO", pick(SYMBOLS, rnd));
        boolean market = rnd.nextBoolean();
        b.put("ORD_DVSN", market ? "01" : pick(new String[] {"00", "00", "02", "05", "99", "1"}, rnd));
        b.put("ORD_QTY", Long.toString(rnd.nextInt(20) == 0 ? -1 : rnd.nextInt(1, 30)));
        long price = market ? 0 : (long) (rnd.nextInt(40_000, 420_000) / 100) * 100;
        b.put("ORD_UNPR", Long.toString(price));
        if (rnd.nextBoolean()) {
            b.put("EXCG_ID_DVSN_CD", pick(new String[] {"KRX", "SOR", "NXT", "ZZZ"}, rnd));
        }
        return b;
    }

    private static ObjectNode reviseBody(String orig, SplittableRandom rnd) {
        ObjectNode b = RawKis.M.createObjectNode();
        b.put("CANO", "50000001");
        b.put("ACNT_PRDT_CD", "01");
        b.put("KRX_FWDG_ORD_ORGNO", rnd.nextInt(10) == 0 ? "00000" : "06590");
        b.put("ORGN_ODNO", orig);
        b.put("ORD_DVSN", "00");
        boolean cancel = rnd.nextInt(3) > 0;
        b.put("RVSE_CNCL_DVSN_CD", cancel ? "02" : "01");
        b.put("ORD_QTY", Integer.toString(rnd.nextInt(0, 15)));
        b.put("ORD_UNPR", cancel ? "0" : Long.toString((long) (rnd.nextInt(40_000, 420_000) / 100) * 100));
        b.put("QTY_ALL_ORD_YN", rnd.nextBoolean() ? "Y" : "N");
        return b;
    }

    /** Drops a field, turns one into a number/array/null, or cuts the JSON text, now and then. */
    private static String mutate(ObjectNode b, SplittableRandom rnd) {
        List<String> names = new ArrayList<>();
        b.fieldNames().forEachRemaining(names::add);
        String f = names.get(rnd.nextInt(names.size()));
        switch (rnd.nextInt(12)) {
            case 0 -> b.remove(f);
            case 1 -> b.put(f, rnd.nextInt());
            case 2 -> b.putArray(f).add(1);
            case 3 -> b.putNull(f);
            case 4 -> b.put(f, "x".repeat(rnd.nextInt(1, 300)));
            case 5 -> {
                String s = b.toString();
                return s.substring(0, rnd.nextInt(s.length()));
            }
            default -> {}
        }
        return b.toString();
    }

    private static RawKis.Resp inquiry(RawKis kis, SplittableRandom rnd) {
        int which = rnd.nextInt(3);
        Map<String, String> p =
                switch (which) {
                    case 0 -> RawKis.dailyParams(rnd.nextInt(5) == 0 ? "2026112" : "20261124");
                    case 1 -> RawKis.balanceParams();
                    default -> RequiredKeysTest.openParams();
                };
        String path = which == 0
                ? KisEndpoint.INQUIRE_DAILY_CCLD.path()
                : which == 1 ? KisEndpoint.INQUIRE_BALANCE.path() : KisEndpoint.INQUIRE_PSBL_RVSECNCL.path();
        String tr = which == 0 ? "TTTC8001R" : which == 1 ? "TTTC8434R" : "TTTC8036R";
        List<String> keys = new ArrayList<>(p.keySet());
        String k = keys.get(rnd.nextInt(keys.size()));
        switch (rnd.nextInt(8)) {
            case 0 -> p.remove(k);
            case 1 -> p.put(k, "%%" + rnd.nextInt());
            case 2 -> p.put(k, "가".repeat(rnd.nextInt(1, 50)));
            case 3 -> {
                p.put("CTX_AREA_FK100", "junk");
                p.put("CTX_AREA_NK100", rnd.nextInt(1000) + "^" + rnd.nextInt(5));
            }
            default -> {}
        }
        Map<String, String> h = kis.headers(rnd.nextInt(10) == 0 ? pick(TRS, rnd) : tr);
        if (rnd.nextInt(4) == 0) {
            h.put("tr_cont", "N");
        }
        return kis.get(path, h, new LinkedHashMap<>(p));
    }

    private static RawKis.Resp anything(RawKis kis, SplittableRandom rnd) {
        String path = pick(PATHS, rnd);
        Map<String, String> h = kis.headers(pick(TRS, rnd));
        byte[] body = new byte[rnd.nextInt(0, 2048)];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) rnd.nextInt(256);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(kis.base + path));
        h.forEach(b::header);
        return switch (rnd.nextInt(4)) {
            case 0 -> kis.send(b.GET());
            case 1 -> kis.send(b.method("DELETE", HttpRequest.BodyPublishers.noBody()));
            case 2 ->
                kis.send(b.POST(HttpRequest.BodyPublishers.ofString("{\"a\":" + "[".repeat(rnd.nextInt(1, 3000)))));
            default -> kis.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        };
    }

    private static void rawGarbage(int port, SplittableRandom rnd) {
        try (RawHttp c = new RawHttp(port)) {
            String[] starts = {
                "GET / HTTP/1.1\r\n", "POST /uapi/hashkey HTTP/1.1\r\ncontent-length: 9999999\r\n", "", "\u0000\u0001"
            };
            StringBuilder s = new StringBuilder(pick(starts, rnd));
            int n = rnd.nextInt(1, 200);
            for (int i = 0; i < n; i++) {
                s.append((char) rnd.nextInt(1, 128));
            }
            s.append("\r\n\r\n");
            c.send(s.toString().getBytes(StandardCharsets.ISO_8859_1));
            c.socket.shutdownOutput();
            c.in.readAllBytes(); // whatever the answer, the server closes
        } catch (Exception e) {
            // a reset is also a fine answer to garbage
        }
    }

    /** Random bytes, or a valid upgrade followed by random (unmasked, oversized, bad opcode…) frame bytes. */
    private static void wsGarbage(int port, SplittableRandom rnd) {
        try (RawHttp c = new RawHttp(port)) {
            c.socket.setSoTimeout(2000);
            if (rnd.nextBoolean()) {
                c.send(("GET /tryitout HTTP/1.1\r\nhost: x\r\nupgrade: websocket\r\nconnection: Upgrade\r\n"
                                + "sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\nsec-websocket-version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            byte[] junk = new byte[rnd.nextInt(1, 300)];
            for (int i = 0; i < junk.length; i++) {
                junk[i] = (byte) rnd.nextInt(256);
            }
            c.send(junk);
            c.socket.shutdownOutput();
            c.in.readAllBytes();
        } catch (Exception e) {
            // a reset or a timeout is a fine answer to garbage
        }
    }

    private static String pick(String[] a, SplittableRandom rnd) {
        return a[rnd.nextInt(a.length)];
    }
}
