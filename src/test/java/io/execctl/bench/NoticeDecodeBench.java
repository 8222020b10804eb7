package io.execctl.bench;

import io.execctl.domain.Secret;
import io.execctl.kis.ws.DecodedFrame;
import io.execctl.kis.ws.NoticeFrameDecoder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decrypt + parse throughput of execution-notice frames (target: ≥ 100,000 notices/s on one core).
 * One decoder (one reused Cipher) per thread, as the stream has one per connection.
 * Run: {@code bin/bench NoticeDecode -f1 -wi 2 -i 3 -t 1}.
 *
 * <p>Besides wall-clock ops/s, each benchmark reports {@code noticesPerCpuSecond}: notices divided by
 * the CPU time the benchmark thread really got, which stays meaningful on a shared, overloaded
 * machine where wall-clock throughput mostly measures the other processes. JMH sums such EVENTS
 * counters over the measurement iterations in its summary line: divide by the iteration count, or
 * read the per-iteration values with {@code -rf json}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class NoticeDecodeBench {
    private static final String KEY = "abcdefghijklmnopqrstuvwxyz012345";
    private static final String IV = "0123456789abcdef";
    private static final String RECORD = String.join(
            "^",
            "demo",
            "5000000101",
            "0000012345",
            "",
            "02",
            "0",
            "00",
            "0",
            "005930",
            "7",
            "71500",
            "093015",
            "0",
            "2",
            "2",
            "00950",
            "10",
            "HONG GILDONG",
            "0",
            "1",
            "Y",
            "",
            "10",
            "",
            "삼성전자",
            "72000");

    private NoticeFrameDecoder decoder;
    private String oneRecordFrame;
    private String threeRecordFrame;
    private final Instant receivedAt = Instant.parse("2026-11-24T00:30:16Z");
    private final LocalDate day = LocalDate.of(2026, 11, 24);

    @Setup
    public void setUp() throws Exception {
        decoder = new NoticeFrameDecoder("H0STCNI0");
        decoder.setKey(Secret.of(KEY), Secret.of(IV));
        oneRecordFrame = "1|H0STCNI0|001|" + encrypt(RECORD);
        threeRecordFrame = "1|H0STCNI0|003|" + encrypt(RECORD + "^" + RECORD + "^" + RECORD);
        if (!(decoder.decode(oneRecordFrame, receivedAt, day) instanceof DecodedFrame.Notices n)
                || n.events().size() != 1) {
            throw new IllegalStateException("benchmark frame does not decode");
        }
    }

    private static String encrypt(String plain) throws Exception {
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(
                Cipher.ENCRYPT_MODE,
                new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "AES"),
                new IvParameterSpec(IV.getBytes(StandardCharsets.UTF_8)));
        return Base64.getEncoder().encodeToString(c.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
    }

    /** One frame = one notice: ops/s = notices/s. */
    @Benchmark
    public DecodedFrame decryptAndParseOneNotice(CpuCounter cpu) {
        cpu.notices++;
        return decoder.decode(oneRecordFrame, receivedAt, day);
    }

    /** One frame of three records: multiply ops/s by 3 for notices/s. */
    @Benchmark
    public DecodedFrame decryptAndParseThreeRecordFrame(CpuCounter cpu) {
        cpu.notices += 3;
        return decoder.decode(threeRecordFrame, receivedAt, day);
    }

    /** Notices per second of the benchmark thread's own CPU time, per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuCounter {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        long notices;
        private long cpuStart;
        public double noticesPerCpuSecond;

        @Setup(Level.Iteration)
        public void start() {
            notices = 0;
            cpuStart = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void stop() {
            long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
            noticesPerCpuSecond = cpu <= 0 ? 0 : notices * 1e9 / cpu;
        }
    }
}
