package io.execctl.cli;

import io.execctl.domain.KisEnv;
import io.execctl.sim.SimOptions;
import io.execctl.sim.Simulator;
import io.execctl.sim.http.Faults;
import io.execctl.sim.market.SymbolSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code execctl sim}: runs the KIS simulator until killed. Prints exactly one JSON line to stdout when
 * ready ({@code {"rest":"http://127.0.0.1:P","ws":"ws://127.0.0.1:Q","admin":"http://127.0.0.1:P/sim"}});
 * everything else goes to the log.
 */
@Command(
        name = "sim",
        mixinStandardHelpOptions = true,
        description = "Run the KIS Open API simulator (REST + WebSocket notices + /sim control API).")
public final class SimCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--rest-port", defaultValue = "0", description = "REST port; 0 = pick a free port.")
    int restPort;

    @Option(names = "--ws-port", defaultValue = "0", description = "WebSocket port; 0 = pick a free port.")
    int wsPort;

    @Option(names = "--env", defaultValue = "real", description = "real or paper (TR ids, page sizes, limits).")
    String env;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of prices, matching and fault dice.")
    long seed;

    @Option(
            names = "--symbols",
            defaultValue = SimOptions.DEMO_SYMBOLS,
            description = "CODE:PRICE[,...] or a count (default ${DEFAULT-VALUE}).")
    String symbols;

    @Option(names = "--cash", defaultValue = "100000000", description = "Initial deposit in won.")
    long cash;

    @Option(names = "--app-key", defaultValue = SimOptions.DEMO_APP_KEY, description = "App key the simulator accepts.")
    String appKey;

    @Option(
            names = "--app-secret",
            description = "App secret the simulator accepts (default: the documented demo secret).")
    String appSecret;

    @Option(names = "--account", defaultValue = SimOptions.DEMO_ACCOUNT, description = "Account CANO-ACNT_PRDT_CD.")
    String account;

    @Option(names = "--hts-id", defaultValue = SimOptions.DEMO_HTS_ID, description = "HTS id (WebSocket tr_key).")
    String htsId;

    @Option(names = "--faults", description = "JSON file with the initial faults (unknown keys are an error).")
    Path faultsFile;

    @Option(names = "--speed", defaultValue = "1.0", description = "Session seconds per wall second; 0 = frozen.")
    double speed;

    @Option(names = "--rate-limit", description = "REST calls/s per app key (default 20 real, 2 paper; 0 = off).")
    Double rateLimit;

    @Option(names = "--commission-rate", defaultValue = "0.00015", description = "Commission rate per execution.")
    BigDecimal commissionRate;

    @Option(names = "--tax-rate", defaultValue = "0.0018", description = "Sell-side transaction tax rate.")
    BigDecimal taxRate;

    @Option(names = "--ping-interval-s", defaultValue = "10", description = "WebSocket PINGPONG interval in seconds.")
    long pingSeconds;

    @Option(names = "--layout23", description = "Send the 23-field notice layout (same as --notice-layout 23).")
    boolean layout23;

    @Option(
            names = "--notice-layout",
            description = "Fields per execution-notice record: 23 or 26 (default: the environment's own,"
                    + " paper 23, real 26).")
    Integer noticeLayout;

    @Option(
            names = "--branch-variation",
            description = "Notices' BRNC_NO and daily-ccld's ord_gno_brno differ from the order response's"
                    + " KRX_FWDG_ORD_ORGNO (always on in fault runs unless the faults say branch_variation false).")
    boolean branchVariation;

    @Override
    public Integer call() {
        SimOptions options = options();
        CountDownLatch stopped = new CountDownLatch(1);
        Simulator sim = Simulator.start(options);
        Thread hook = new Thread(
                () -> {
                    sim.close();
                    stopped.countDown();
                },
                "sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.println(sim.readyLine());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // stopped in-process (tests): close and return
            Thread.currentThread().interrupt();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running
            }
        } finally {
            sim.close();
        }
        return 0;
    }

    SimOptions options() {
        KisEnv e = KisEnv.parse(env)
                .orElseThrow(() ->
                        new ParameterException(spec.commandLine(), "--env must be real or paper, was '" + env + "'"));
        Faults faults = Faults.NONE;
        if (faultsFile != null) {
            try {
                faults = Faults.parse(Files.readString(faultsFile, StandardCharsets.UTF_8));
            } catch (IOException ex) {
                throw new ParameterException(
                        spec.commandLine(), "cannot read --faults " + faultsFile + ": " + ex.getMessage());
            } catch (IllegalArgumentException ex) {
                throw new ParameterException(spec.commandLine(), "--faults " + faultsFile + ": " + ex.getMessage());
            }
        }
        if (branchVariation) {
            faults = faults.withBranchVariation(true);
        }
        if (noticeLayout != null && noticeLayout != 23 && noticeLayout != 26) {
            throw new ParameterException(spec.commandLine(), "--notice-layout must be 23 or 26, was " + noticeLayout);
        }
        int layout = noticeLayout != null ? noticeLayout : (layout23 ? 23 : 0);
        try {
            SymbolSpec.parseList(symbols);
            SimOptions d = SimOptions.defaults();
            return new SimOptions(
                    host,
                    restPort,
                    wsPort,
                    e,
                    seed,
                    symbols,
                    cash,
                    appKey,
                    appSecret != null ? appSecret : SimOptions.DEMO_APP_SECRET,
                    account,
                    htsId,
                    faults,
                    speed,
                    rateLimit,
                    commissionRate,
                    taxRate,
                    d.clock(),
                    Duration.ofSeconds(pingSeconds),
                    layout,
                    d.restThreads(),
                    d.sessionStart());
        } catch (IllegalArgumentException ex) {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
    }
}
