package io.execctl.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of the simulated KIS REST gateway with rate limits off: {@code threads} clients, each on
 * one keep-alive connection (plain sockets, so the client costs little of the 2 cores), alternate
 * inquire-balance (GET) and order-cash (POST, a 1-share market buy, then a market sell of it) through the full gateway
 * (token, app key/secret, custtype, TR id checks) into the real market. Only HTTP 200 with
 * {@code rt_cd "0"} counts.
 *
 * <p>Run: {@code mvn -q -B -o test-compile && mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=cp.txt
 * && java -cp target/test-classes:target/classes:$(cat cp.txt) io.execctl.bench.SimRestBench [threads] [seconds]}.
 * Requirement: at least 1,000 requests/s on the 2-core build machine.
 */
public final class SimRestBench {
    /** mix (default), balance, order or health (the control API: HTTP only, no gateway, no market). */
    private static String mode = "mix";

    private SimRestBench() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        mode = args.length > 2 ? args[2] : "mix";
        SimOptions o = SimOptions.defaults().withSpeed(0).withRateLimit(0.0).withCash(1_000_000_000_000L);
        try (Simulator sim = Simulator.start(o)) {
            URI rest = URI.create(sim.restUrl());
            String token = token(rest.getPort());
            run(rest.getPort(), token, threads, 2, new AtomicLong(), new AtomicLong());
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long t0 = System.nanoTime();
            run(rest.getPort(), token, threads, seconds, ok, failed);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "SimRestBench " + mode
                            + ": %d threads, %.1f s: %d ok, %d failed, %.0f requests/s (requirement >= 1000)%n",
                    threads,
                    elapsed,
                    ok.get(),
                    failed.get(),
                    ok.get() / elapsed);
        }
    }

    private static void run(int port, String token, int threads, int seconds, AtomicLong ok, AtomicLong failed)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try (Client c = new Client(port)) {
                    long i = 0;
                    while (!stop.get()) {
                        String body =
                                switch (mode) {
                                    case "balance" -> c.balance(token);
                                    case "order" -> c.order(token);
                                    case "health" ->
                                        c.call("GET /sim/health HTTP/1.1\r\nHost: 127.0.0.1\r\n", null)
                                                .replace("\"status\":\"UP\"", "\"rt_cd\":\"0\"");
                                    default -> (i++ & 1) == 0 ? c.balance(token) : c.order(token);
                                };
                        if (body.contains("\"rt_cd\":\"0\"")) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    failed.incrementAndGet();
                    System.err.println("client failed: " + e);
                } finally {
                    done.countDown();
                }
            });
            th.setDaemon(true);
            th.start();
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
    }

    private static String token(int port) throws IOException {
        try (Client c = new Client(port)) {
            String body = c.call(
                    "POST /oauth2/tokenP HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n",
                    "{\"grant_type\":\"client_credentials\",\"appkey\":\"" + SimOptions.DEMO_APP_KEY
                            + "\",\"appsecret\":\"" + SimOptions.DEMO_APP_SECRET + "\"}");
            return new ObjectMapper().readTree(body).get("access_token").asText();
        }
    }

    /** One keep-alive HTTP/1.1 connection speaking just enough HTTP for the simulator's answers. */
    private static final class Client implements AutoCloseable {
        private static final String ORDER = "{\"CANO\":\"50000001\",\"ACNT_PRDT_CD\":\"01\",\"PDNO\":\"005930\","
                + "\"ORD_DVSN\":\"01\",\"ORD_QTY\":\"1\",\"ORD_UNPR\":\"0\",\"EXCG_ID_DVSN_CD\":\"KRX\"}";
        private long orders;
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Client(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 65536);
        }

        String headers(String token, String trId) {
            return "Host: 127.0.0.1\r\ncontent-type: application/json; charset=utf-8\r\nauthorization: Bearer " + token
                    + "\r\nappkey: " + SimOptions.DEMO_APP_KEY + "\r\nappsecret: " + SimOptions.DEMO_APP_SECRET
                    + "\r\ntr_id: " + trId + "\r\ncusttype: P\r\n";
        }

        String balance(String token) throws IOException {
            return call(
                    "GET /uapi/domestic-stock/v1/trading/inquire-balance?CANO=50000001&ACNT_PRDT_CD=01&AFHR_FLPR_YN=N"
                            + "&OFL_YN=&INQR_DVSN=02&UNPR_DVSN=01&FUND_STTL_ICLD_YN=N&FNCG_AMT_AUTO_RDPT_YN=N&PRCS_DVSN=00"
                            + "&CTX_AREA_FK100=&CTX_AREA_NK100= HTTP/1.1\r\n" + headers(token, "TTTC8434R"),
                    null);
        }

        String order(String token) throws IOException {
            // market buy, then market sell of the same share: the book stays empty, the ledger keeps moving
            String trId = (orders++ & 1) == 0 ? "TTTC0012U" : "TTTC0011U";
            return call("POST /uapi/domestic-stock/v1/trading/order-cash HTTP/1.1\r\n" + headers(token, trId), ORDER);
        }

        String call(String head, String body) throws IOException {
            byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String req = head + "content-length: " + b.length + "\r\n\r\n";
            out.write(req.getBytes(StandardCharsets.ISO_8859_1));
            out.write(b);
            out.flush();
            int length = -1;
            StringBuilder line = new StringBuilder();
            while (true) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c == '\n') {
                    String l = line.toString().trim();
                    line.setLength(0);
                    if (l.isEmpty()) {
                        break;
                    }
                    if (l.regionMatches(true, 0, "content-length:", 0, 15)) {
                        length = Integer.parseInt(l.substring(15).trim());
                    }
                } else {
                    line.append((char) c);
                }
            }
            byte[] resp = in.readNBytes(Math.max(length, 0));
            return new String(resp, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
