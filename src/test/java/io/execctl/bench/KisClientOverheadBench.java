package io.execctl.bench;

import io.execctl.config.Fingerprint;
import io.execctl.config.KisSettings;
import io.execctl.domain.AccountNo;
import io.execctl.domain.KisEnv;
import io.execctl.domain.OrderRequest;
import io.execctl.domain.Secret;
import io.execctl.domain.Side;
import io.execctl.kis.Balance;
import io.execctl.kis.DailyOrderQuery;
import io.execctl.kis.DailyOrders;
import io.execctl.kis.HostRateBudget;
import io.execctl.kis.InMemoryTokenStore;
import io.execctl.kis.KisClient;
import io.execctl.kis.KisHttp;
import io.execctl.kis.KisMetrics;
import io.execctl.kis.OrderOutcome;
import io.execctl.kis.RateBudget;
import io.execctl.kis.Sleeper;
import io.execctl.kis.port.CachedToken;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The REST client's own overhead per call, without the network (target: p99 ≤ 0.5 ms): the whole
 * client path — rate-budget permit, cached token, request building (headers, JSON body or query
 * string), OkHttp's call machinery, raw-body capture and scrubbing, classification and typed parsing —
 * with an OkHttp application interceptor answering a canned KIS response instead of a socket.
 * {@code budget=file} includes the host-wide rate-budget file lock (with an effectively unlimited rate).
 * Run (percentiles from {@link Mode#SampleTime}):
 * {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main KisClientOverhead -f1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class KisClientOverheadBench {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final String APP_KEY = "BENCH-APPKEY-000000000000000000000000";
    private static final String ORDER_OK = "{\"rt_cd\":\"0\",\"msg_cd\":\"APBK0013\",\"msg1\":\"주문 전송 완료 되었습니다.\","
            + "\"output\":{\"KRX_FWDG_ORD_ORGNO\":\"06590\",\"ODNO\":\"0000006555\",\"ORD_TMD\":\"151059\"}}";

    @Param({"none", "file"})
    public String budget;

    private KisClient client;
    private Path stateDir;
    private final OrderRequest order = OrderRequest.limit("005930", Side.BUY, 3, new BigDecimal("72000"));
    private final DailyOrderQuery today = DailyOrderQuery.range(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 24));

    static String balanceBody(int rows) {
        StringBuilder sb = new StringBuilder("{\"ctx_area_fk100\":\"\",\"ctx_area_nk100\":\"\",\"output1\":[");
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"pdno\":\"")
                    .append(String.format("%06d", i))
                    .append("\",\"prdt_name\":\"종목")
                    .append(i)
                    .append(
                            "\",\"trad_dvsn_name\":\"현금\",\"bfdy_buy_qty\":\"0\",\"bfdy_sll_qty\":\"0\",\"thdt_buyqty\":\"5\",")
                    .append(
                            "\"thdt_sll_qty\":\"0\",\"hldg_qty\":\"5\",\"ord_psbl_qty\":\"5\",\"pchs_avg_pric\":\"248750.0000\",")
                    .append(
                            "\"pchs_amt\":\"1243750\",\"prpr\":\"249000\",\"evlu_amt\":\"1245000\",\"evlu_pfls_amt\":\"1250\",")
                    .append(
                            "\"evlu_pfls_rt\":\"0.10\",\"evlu_erng_rt\":\"0.00000000\",\"loan_dt\":\"\",\"loan_amt\":\"0\",")
                    .append(
                            "\"stln_slng_chgs\":\"0\",\"expd_dt\":\"\",\"fltt_rt\":\"1.20000000\",\"bfdy_cprs_icdc\":\"3000\"}");
        }
        sb.append(
                        "],\"output2\":[{\"dnca_tot_amt\":\"10000000\",\"nxdy_excc_amt\":\"8756110\",\"prvs_rcdl_excc_amt\":\"8756110\",")
                .append("\"tot_evlu_amt\":\"10001110\",\"nass_amt\":\"10001110\",\"thdt_tlex_amt\":\"140\"}],")
                .append("\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0000\",\"msg1\":\"조회가 완료되었습니다\"}");
        return sb.toString();
    }

    static String dailyBody(int rows) {
        StringBuilder sb = new StringBuilder("{\"ctx_area_fk100\":\"\",\"ctx_area_nk100\":\"\",\"output1\":[");
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"ord_dt\":\"20261124\",\"ord_gno_brno\":\"06590\",\"odno\":\"")
                    .append(String.format("%010d", i + 1))
                    .append(
                            "\",\"orgn_odno\":\"\",\"ord_dvsn_name\":\"지정가\",\"sll_buy_dvsn_cd\":\"02\",\"sll_buy_dvsn_cd_name\":\"매수\",")
                    .append(
                            "\"pdno\":\"005930\",\"prdt_name\":\"삼성전자\",\"ord_qty\":\"5\",\"ord_unpr\":\"72000\",\"ord_tmd\":\"091502\",")
                    .append(
                            "\"tot_ccld_qty\":\"5\",\"avg_prvs\":\"71950.0000\",\"cncl_yn\":\"N\",\"tot_ccld_amt\":\"359750\",")
                    .append(
                            "\"loan_dt\":\"\",\"ordr_empno\":\"\",\"ord_dvsn_cd\":\"00\",\"cncl_cfrm_qty\":\"0\",\"rmn_qty\":\"0\",")
                    .append(
                            "\"rjct_qty\":\"0\",\"ccld_cndt_name\":\"없음\",\"ord_orgno\":\"06590\",\"excg_id_dvsn_cd\":\"KRX\"}");
        }
        sb.append("],\"output2\":{\"tot_ord_qty\":\"")
                .append(rows * 5)
                .append("\",\"tot_ccld_qty\":\"")
                .append(rows * 5)
                .append("\",\"tot_ccld_amt\":\"1\",\"prsm_tlex_smtl\":\"97\",\"pchs_avg_pric\":\"71950.0000\"},")
                .append("\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0000\",\"msg1\":\"조회가 완료되었습니다\"}");
        return sb.toString();
    }

    @Setup
    public void setUp() throws Exception {
        stateDir = Files.createTempDirectory("kis-bench");
        KisSettings settings = KisSettings.builder(KisEnv.REAL)
                .restUrl("http://127.0.0.1:9")
                .appKey(Secret.of(APP_KEY))
                .appSecret(Secret.of("BENCH-APPSECRET-" + "x".repeat(164)))
                .account(AccountNo.parse("50000001-01"))
                .rateStateDir(stateDir)
                .ratePerSecond(1_000_000)
                .build();
        // Encoded once: the network delivers bytes, so encoding the canned answer is not client work.
        byte[] orderOk = ORDER_OK.getBytes(StandardCharsets.UTF_8);
        byte[] balance = balanceBody(50).getBytes(StandardCharsets.UTF_8);
        byte[] daily = dailyBody(100).getBytes(StandardCharsets.UTF_8);
        OkHttpClient ok = KisHttp.clientBuilder(settings)
                .addInterceptor(chain -> {
                    String path = chain.request().url().encodedPath();
                    byte[] body =
                            path.endsWith("order-cash") ? orderOk : path.endsWith("inquire-balance") ? balance : daily;
                    return new Response.Builder()
                            .request(chain.request())
                            .protocol(Protocol.HTTP_1_1)
                            .code(200)
                            .message("OK")
                            .header("content-type", "application/json; charset=utf-8")
                            .header("tr_id", "TTTC0012U")
                            .header("tr_cont", "D")
                            .header("gt_uid", "GT0001")
                            .body(ResponseBody.create(body, JSON))
                            .build();
                })
                .build();
        InMemoryTokenStore store = new InMemoryTokenStore();
        Instant now = Instant.now();
        store.save(new CachedToken(
                "real",
                Fingerprint.of(Secret.of(APP_KEY)),
                CachedToken.Kind.ACCESS,
                "bench-token",
                now,
                now.plus(Duration.ofDays(1))));
        RateBudget rb = budget.equals("file")
                ? HostRateBudget.forSettings(settings, Clock.systemUTC(), Sleeper.SYSTEM, KisMetrics.NOOP)
                : RateBudget.UNLIMITED;
        client = KisClient.builder(settings)
                .okHttp(ok)
                .tokenStore(store)
                .rateBudget(rb)
                .build();
        if (!(client.placeCashOrder(order) instanceof OrderOutcome.Accepted)) {
            throw new IllegalStateException("canned order answer not accepted");
        }
        if (!client.balance().complete() || !client.dailyOrders(today).complete()) {
            throw new IllegalStateException("canned inquiry answers not complete");
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        client.close();
        try (var files = Files.list(stateDir)) {
            files.forEach(p -> p.toFile().delete());
        }
        Files.deleteIfExists(stateDir);
    }

    /** order-cash: JSON body, headers, classification, the Accepted record. */
    @Benchmark
    public OrderOutcome orderCash(CpuTimes cpu) {
        long t0 = CpuTimes.THREADS.getCurrentThreadCpuTime();
        OrderOutcome o = client.placeCashOrder(order);
        cpu.record(CpuTimes.THREADS.getCurrentThreadCpuTime() - t0);
        return o;
    }

    /** inquire-balance: query string, 50 holding rows + summary parsed into records. */
    @Benchmark
    public Balance balance50Rows(CpuTimes cpu) {
        long t0 = CpuTimes.THREADS.getCurrentThreadCpuTime();
        Balance b = client.balance();
        cpu.record(CpuTimes.THREADS.getCurrentThreadCpuTime() - t0);
        return b;
    }

    /** inquire-daily-ccld: 100 order rows (a full real page) parsed into records. */
    @Benchmark
    public DailyOrders dailyCcld100Rows(CpuTimes cpu) {
        long t0 = CpuTimes.THREADS.getCurrentThreadCpuTime();
        DailyOrders d = client.dailyOrders(today);
        cpu.record(CpuTimes.THREADS.getCurrentThreadCpuTime() - t0);
        return d;
    }

    /**
     * CPU time of each call on the calling thread (excludes time the OS gave to other processes,
     * which dominates wall-clock percentiles on this shared 2-core machine). Percentiles are printed
     * at the end of every iteration: {@code cpu per call: p50 … p99 …}.
     */
    @State(Scope.Thread)
    public static class CpuTimes {
        static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final long[] samples = new long[1 << 20];
        private int n;

        void record(long nanos) {
            samples[n++ & (samples.length - 1)] = nanos;
        }

        @Setup(Level.Iteration)
        public void reset() {
            n = 0;
        }

        @TearDown(Level.Iteration)
        public void report() {
            int count = Math.min(n, samples.length);
            if (count == 0) {
                return;
            }
            long[] s = Arrays.copyOf(samples, count);
            Arrays.sort(s);
            System.out.printf(
                    "%ncpu per call (%d calls): p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us%n",
                    count,
                    s[(int) (count * 0.50)] / 1e3,
                    s[(int) (count * 0.90)] / 1e3,
                    s[(int) (count * 0.99)] / 1e3,
                    s[Math.min(count - 1, (int) (count * 0.999))] / 1e3);
        }
    }
}
