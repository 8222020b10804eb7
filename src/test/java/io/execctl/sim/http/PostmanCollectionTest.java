package io.execctl.sim.http;

import io.execctl.domain.KisEnv;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KIS's own Postman collections (old TR ids, no custtype, hashkey pre-requests) run by newman against the
 * simulator in both environments and get KIS-shaped answers. Without newman the test is skipped locally and
 * fails on CI ({@code CI=true}), where {@code .ci/run} installs it.
 */
class PostmanCollectionTest {
    static final String KEY = "PSKEY-" + "k".repeat(30);
    static final String SECRET = "PSSECRET-" + "s".repeat(171);

    static boolean newmanPresent() {
        try {
            Process p = new ProcessBuilder("newman", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @ParameterizedTest
    @EnumSource(KisEnv.class)
    void kisCollectionRunsAgainstTheSimulator(KisEnv env) throws Exception {
        boolean present = newmanPresent();
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("newman is not installed on CI: .ci/run must install it (npm install -g newman)");
        }
        Assumptions.assumeTrue(
                present, "newman not installed (npm install -g newman): KIS's Postman collection not run");
        SimOptions options = SimOptions.defaults()
                .withEnv(env)
                .withSeed(3)
                .withSpeed(0)
                .withRateLimit(0.0)
                .withSymbols("005930:72000,136480:2500")
                .withCredentials(KEY, SECRET, "50000001-01", "demo")
                .withClock(new MutableClock(Instant.parse("2026-11-24T01:00:00Z")));
        try (Simulator sim = Simulator.start(options)) {
            Process p = new ProcessBuilder(List.of(
                            "bash",
                            "src/test/postman/run.sh",
                            env == KisEnv.REAL ? "real" : "paper",
                            sim.restUrl(),
                            KEY,
                            SECRET,
                            "50000001"))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            System.out.println(out);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).doesNotContain("AssertionError").contains("assertions");
        }
    }
}
