package io.execctl.bench;

import io.execctl.sim.ws.ExecutionNotice;
import io.execctl.sim.ws.SimWsServer;
import io.execctl.sim.ws.WsOptions;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Throughput of the simulated notice WebSocket: notices published by the caller, encrypted, framed and
 * delivered to one subscribed client that reads every frame off a plain socket (and decrypts a sample
 * of them with javax.crypto to prove they are real notices). The publisher keeps at most
 * {@code window} notices in flight, so what is measured is sustained delivery, not queue filling.
 *
 * <p>Run: {@code mvn -q -B -o test-compile && java -cp target/test-classes:target/classes:$(cat cp.txt)
 * io.execctl.bench.SimWsBench [notices] [window]} (cp.txt from {@code mvn -o dependency:build-classpath
 * -Dmdep.outputFile=cp.txt}). Requirement: at least 10,000 notices/s on the 2-core build machine.
 */
public final class SimWsBench {
    private static long publishNanos;

    private SimWsBench() {}

    public static void main(String[] args) throws Exception {
        int notices = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int warmup = Math.min(50_000, notices / 4);

        WsOptions options = WsOptions.defaults("demo", false);
        try (SimWsServer server = SimWsServer.start(options, k -> Optional.of("BENCH-APPKEY"))) {
            Client client = Client.connect(server.port());
            client.subscribe();

            run(server, client, warmup, window, 0);
            publishNanos = 0;
            long t0 = System.nanoTime();
            run(server, client, notices, window, warmup);
            long elapsed = System.nanoTime() - t0;

            double perSecond = notices / (elapsed / 1e9);
            System.out.printf(
                    "SimWsBench: %,d notices delivered to one client in %.3f s = %,.0f notices/s "
                            + "(window %,d, %d decrypted samples ok, frames sent %,d)%n",
                    notices,
                    elapsed / 1e9,
                    perSecond,
                    window,
                    client.decrypted,
                    server.stats().noticeFramesSent());
            System.out.printf(
                    "SimWsBench: publish() costs the caller %,.0f ns per notice on average (enqueue only)%n",
                    publishNanos / (double) notices);
            System.out.println(perSecond >= 10_000 ? "PASS (>= 10,000 notices/s)" : "FAIL (< 10,000 notices/s)");
            client.socket.close();
        }
    }

    private static void run(SimWsServer server, Client client, int n, int window, int offset)
            throws InterruptedException {
        long target = client.received.get() + n;
        long start = client.received.get();
        for (int i = 0; i < n; i++) {
            while (i - (client.received.get() - start) > window) {
                LockSupport.parkNanos(50_000);
            }
            ExecutionNotice next = notice(offset + i);
            long p0 = System.nanoTime();
            server.publish(next);
            publishNanos += System.nanoTime() - p0;
        }
        while (client.received.get() < target) {
            if (client.error != null) {
                throw new IllegalStateException("client failed", client.error);
            }
            LockSupport.parkNanos(100_000);
        }
    }

    private static ExecutionNotice notice(int i) {
        String odno = String.format("%010d", i + 1);
        return new ExecutionNotice(
                "demo",
                "5000000101",
                odno,
                "",
                "02",
                "0",
                "00",
                "0",
                "005930",
                "1",
                "72000",
                "093015",
                "0",
                "2",
                "2",
                "06590",
                "10",
                "demo",
                "0",
                "1",
                "Y",
                "",
                "10",
                "",
                "삼성전자",
                "72000");
    }

    /** A bare-socket WebSocket client: masked requests out, frames in, counted on a reader thread. */
    private static final class Client {
        final Socket socket;
        final DataInputStream in;
        final OutputStream out;
        final AtomicLong received = new AtomicLong();
        volatile Throwable error;
        volatile int decrypted;
        String key;
        String iv;

        private Client(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            this.out = socket.getOutputStream();
        }

        static Client connect(int port) throws IOException {
            Client c = new Client(new Socket("127.0.0.1", port));
            byte[] nonce = new byte[16];
            new SecureRandom().nextBytes(nonce);
            c.out.write(("GET /tryitout HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                            + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            c.out.flush();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) c.in.readUnsignedByte());
            }
            if (!head.toString().startsWith("HTTP/1.1 101")) {
                throw new IOException("handshake failed: " + head);
            }
            return c;
        }

        void subscribe() throws IOException {
            String req =
                    "{\"header\":{\"approval_key\":\"bench\",\"custtype\":\"P\",\"tr_type\":\"1\",\"content-type\":\"utf-8\"},"
                            + "\"body\":{\"input\":{\"tr_id\":\"H0STCNI0\",\"tr_key\":\"demo\"}}}";
            byte[] p = req.getBytes(StandardCharsets.UTF_8);
            byte[] mask = {1, 2, 3, 4};
            out.write(0x81);
            out.write(0x80 | 126);
            out.write(p.length >>> 8);
            out.write(p.length & 0xFF);
            out.write(mask);
            for (int i = 0; i < p.length; i++) {
                out.write(p[i] ^ mask[i & 3]);
            }
            out.flush();
            String ack = readText();
            key = field(ack, "key");
            iv = field(ack, "iv");
            Thread t = new Thread(this::readLoop, "bench-client");
            t.setDaemon(true);
            t.start();
        }

        private static String field(String json, String name) {
            int i = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
            return json.substring(i, json.indexOf('"', i));
        }

        private String readText() throws IOException {
            in.readUnsignedByte();
            int len = in.readUnsignedByte() & 0x7F;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = (int) in.readLong();
            }
            byte[] p = new byte[len];
            in.readFully(p);
            return new String(p, StandardCharsets.UTF_8);
        }

        private void readLoop() {
            try {
                Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
                c.init(
                        Cipher.DECRYPT_MODE,
                        new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "AES"),
                        new IvParameterSpec(iv.getBytes(StandardCharsets.UTF_8)));
                while (true) {
                    String t = readText();
                    if (t.startsWith("{")) {
                        continue; // PINGPONG
                    }
                    int records = Integer.parseInt(t.substring(11, 14));
                    long n = received.addAndGet(records);
                    if (n % 1000 == 0) {
                        String plain = new String(
                                c.doFinal(Base64.getDecoder().decode(t.substring(15))), StandardCharsets.UTF_8);
                        if (!plain.startsWith("demo^5000000101^")) {
                            throw new IllegalStateException("bad notice: " + plain);
                        }
                        decrypted++;
                    }
                }
            } catch (Throwable e) {
                if (!socket.isClosed()) {
                    error = e;
                }
            }
        }
    }
}
