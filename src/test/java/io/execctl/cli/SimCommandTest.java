package io.execctl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.execctl.domain.KisEnv;
import io.execctl.sim.SimOptions;
import io.execctl.sim.http.Faults;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimCommandTest {

    static SimOptions parse(String... args) {
        SimCommand cmd = new SimCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.options();
    }

    @Test
    void defaultsAreTheDemoValues() {
        SimOptions o = parse();
        assertThat(o.env()).isEqualTo(KisEnv.REAL);
        assertThat(o.restPort()).isZero();
        assertThat(o.wsPort()).isZero();
        assertThat(o.seed()).isEqualTo(1);
        assertThat(o.symbols()).isEqualTo("005930:72000,000660:180000,035420:210000,051910:390000,068270:175000");
        assertThat(o.cash()).isEqualTo(100_000_000L);
        assertThat(o.appKey())
                .isEqualTo(
                        "DEMO-APPKEY-000000000000000000000000"); // the brief's literal (37 chars, although it says 36)
        assertThat(o.appSecret()).startsWith("DEMO-APPSECRET-").hasSize(180).endsWith("xxx");
        assertThat(o.account()).isEqualTo("50000001-01");
        assertThat(o.htsId()).isEqualTo("demo");
        assertThat(o.speed()).isEqualTo(1.0);
        assertThat(o.effectiveRateLimit()).isEqualTo(20);
        assertThat(o.faults()).isEqualTo(Faults.NONE);
        assertThat(o.commissionRate()).isEqualByComparingTo("0.00015");
        assertThat(o.sellTaxRate()).isEqualByComparingTo("0.0018");
    }

    @Test
    void everyOptionIsRead(@TempDir Path dir) throws Exception {
        Path faults = dir.resolve("faults.json");
        Files.writeString(faults, "{\"rest_5xx_rate\":0.1,\"ws_drop_rate\":0.2}");
        SimOptions o = parse(
                "--rest-port",
                "18080",
                "--ws-port",
                "18081",
                "--env",
                "paper",
                "--seed",
                "7",
                "--symbols",
                "5",
                "--cash",
                "5000000",
                "--app-key",
                "K",
                "--app-secret",
                "S",
                "--account",
                "12345678-01",
                "--hts-id",
                "me",
                "--faults",
                faults.toString(),
                "--speed",
                "0",
                "--rate-limit",
                "0");
        assertThat(o.restPort()).isEqualTo(18080);
        assertThat(o.wsPort()).isEqualTo(18081);
        assertThat(o.env()).isEqualTo(KisEnv.PAPER);
        assertThat(o.seed()).isEqualTo(7);
        assertThat(o.symbols()).isEqualTo("5");
        assertThat(o.cash()).isEqualTo(5_000_000);
        assertThat(o.appKey()).isEqualTo("K");
        assertThat(o.appSecret()).isEqualTo("S");
        assertThat(o.account()).isEqualTo("12345678-01");
        assertThat(o.htsId()).isEqualTo("me");
        assertThat(o.faults().rest5xxRate()).isEqualTo(0.1);
        assertThat(o.faults().wsDropRate()).isEqualTo(0.2);
        assertThat(o.speed()).isZero();
        assertThat(o.effectiveRateLimit()).isZero();
        assertThat(parse("--env", "paper").effectiveRateLimit()).isEqualTo(2);
    }

    @Test
    void noticeLayoutFollowsTheEnvironmentUnlessSetAndBranchVariationCanBeForced() {
        assertThat(parse("--env", "paper").layout23()).isTrue();
        assertThat(parse("--env", "real").layout23()).isFalse();
        assertThat(parse("--env", "paper", "--notice-layout", "26").layout23()).isFalse();
        assertThat(parse("--env", "real", "--notice-layout", "23").layout23()).isTrue();
        assertThat(parse("--env", "real", "--layout23").layout23()).isTrue();
        assertThatThrownBy(() -> parse("--notice-layout", "25"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--notice-layout");
        assertThat(parse().faults().branchVariation()).isFalse();
        assertThat(parse("--branch-variation").faults().branchVariation()).isTrue();
    }

    @Test
    void badInputIsAParameterError(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> parse("--env", "live"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--env");
        Path faults = dir.resolve("f.json");
        Files.writeString(faults, "{\"rest_5xx\":0.1}");
        assertThatThrownBy(() -> parse("--faults", faults.toString()))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("rest_5xx");
        assertThatThrownBy(() -> parse("--account", "123")).isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> parse("--symbols", "005930:72050"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("005930");
        assertThatThrownBy(() -> parse("--speed", "-1")).isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void runsPrintsOneReadyLineAndStopsWhenInterrupted() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new SimCommand());
        cl.setOut(new PrintWriter(out, true));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread t = new Thread(() -> exit.set(cl.execute("--speed", "0", "--env", "paper")));
        t.start();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> out.toString()
                .contains("\n"));
        String line = out.toString();
        assertThat(line.lines()).hasSize(1);
        JsonNode ready = new ObjectMapper().readTree(line);
        assertThat(line).startsWith("{\"rest\":\"http://127.0.0.1:");
        String rest = ready.get("rest").asText();
        assertThat(ready.get("ws").asText()).startsWith("ws://127.0.0.1:");
        assertThat(ready.get("admin").asText()).isEqualTo(rest + "/sim");
        HttpClient http = HttpClient.newHttpClient();
        var health = http.send(
                HttpRequest.newBuilder(URI.create(rest + "/sim/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"market_open\":true");
        t.interrupt();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
        Assertions.assertThatThrownBy(() -> http.send(
                        HttpRequest.newBuilder(URI.create(rest + "/sim/health")).build(),
                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }
}
