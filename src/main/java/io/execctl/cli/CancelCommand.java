package io.execctl.cli;

import io.execctl.config.Config;
import io.execctl.config.KisSettings;
import io.execctl.config.Need;
import io.execctl.domain.AbsenceRules;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.Order;
import io.execctl.engine.cancel.CancelCounters;
import io.execctl.engine.cancel.CancelResolver;
import io.execctl.engine.cancel.KillReport;
import io.execctl.engine.cancel.KillSwitch;
import io.execctl.engine.cancel.PartialCanceller;
import io.execctl.engine.cancel.PartialResult;
import io.execctl.kis.KisMetrics;
import io.execctl.kis.Sleeper;
import io.execctl.store.CancelJournal;
import io.execctl.store.Db;
import io.execctl.store.Incarnation;
import io.execctl.store.OrderStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jdbi.v3.core.Jdbi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code execctl cancel}: cancel one order (in full, following its modify chain, or {@code --qty N}
 * shares through the journal) or, with {@code --all}, every open order (the kill switch).
 */
@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        description = {
            "Cancel one order (ORDER_ID from trade.orders) or, with --all, every open order of the account.",
            "Full cancels are re-checked over REST until nothing targeted is open.",
            "Exit code 4 when something targeted is still open or a partial cancel is unresolved."
        })
final class CancelCommand implements Callable<Integer> {
    @ParentCommand
    ExecctlCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ORDER_ID", description = "the order to cancel")
    String orderId;

    @Option(names = "--all", description = "cancel every open order (the kill switch)")
    boolean all;

    @Option(names = "--symbol", paramLabel = "S", description = "with --all: only orders of this symbol")
    String symbol;

    @Option(names = "--qty", paramLabel = "N", description = "cancel only N shares (partial cancel, journalled)")
    Long qty;

    @Option(
            names = "--request-id",
            paramLabel = "UUID",
            description = "with --qty: the cancel request's id; repeating it never cancels again")
    UUID requestId;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "how long to re-check before giving up (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Option(
            names = "--history-lag-ms",
            paramLabel = "MS",
            defaultValue = "5000",
            description = "how far today's order history may lag (evidence for an unknown partial cancel)")
    long historyLagMs;

    @Override
    public Integer call() throws InterruptedException {
        validate();
        Config config = root.config(Need.DB, Need.KIS);
        try (Database db = Database.open(config)) {
            Jdbi jdbi = Db.create(db.dataSource());
            KisSettings settings = KisWiring.settings(config);
            try (KisRuntime kis = KisWiring.open(settings, config.infra(), jdbi, KisMetrics.NOOP)) {
                String account = settings.account().reveal();
                if (qty != null) {
                    JournalPolicy policy = JournalPolicy.defaults()
                            .withOrderCallTimeout(settings.timeouts().call());
                    Incarnation owner = Incarnation.start();
                    PartialCanceller canceller =
                            new PartialCanceller(kis.client(), jdbi, owner, policy, CancelCounters.NONE);
                    CancelResolver resolver = new CancelResolver(
                            kis.client(),
                            jdbi,
                            owner,
                            policy,
                            new AbsenceRules(Duration.ofMillis(historyLagMs), settings.env()),
                            Sleeper.SYSTEM,
                            canceller);
                    return partial(jdbi, canceller, resolver);
                }
                KillSwitch ks = new KillSwitch(
                        kis.client(),
                        jdbi,
                        account,
                        Clock.systemUTC(),
                        Sleeper.SYSTEM,
                        CancelCounters.NONE,
                        new KillSwitch.Options(
                                Duration.ofSeconds(timeoutSeconds), Duration.ofMillis(500), Duration.ofSeconds(3)));
                KillSwitch.Selection sel = all
                        ? KillSwitch.Selection.all(symbol)
                        : KillSwitch.Selection.of(order(jdbi).key());
                KillReport report = ks.run(sel);
                print(report);
                return report.allClosed() ? ExitCodes.OK : ExitCodes.UNRESOLVED;
            }
        }
    }

    private void validate() {
        if (all == (orderId != null)) {
            throw new ParameterException(spec.commandLine(), "give either ORDER_ID or --all");
        }
        if (symbol != null && !all) {
            throw new ParameterException(spec.commandLine(), "--symbol goes with --all");
        }
        if (qty != null && (all || qty <= 0)) {
            throw new ParameterException(spec.commandLine(), "--qty needs ORDER_ID and a positive quantity");
        }
        if (requestId != null && qty == null) {
            throw new ParameterException(spec.commandLine(), "--request-id goes with --qty");
        }
        if (timeoutSeconds < 0 || historyLagMs < 0) {
            throw new ParameterException(spec.commandLine(), "--timeout and --history-lag-ms must be >= 0");
        }
    }

    private Order order(Jdbi jdbi) {
        return OrderStore.of(jdbi)
                .find(orderId)
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "no such order: " + orderId));
    }

    /** Sends (or reports) the partial cancel, then resolves an unknown outcome by evidence until the timeout. */
    private int partial(Jdbi jdbi, PartialCanceller canceller, CancelResolver resolver) throws InterruptedException {
        UUID id = requestId != null ? requestId : UUID.randomUUID();
        Order target = order(jdbi);
        PartialResult r;
        try {
            r = canceller.cancel(target.key(), qty, id);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Clock clock = Clock.systemUTC();
        Instant deadline = clock.instant().plusSeconds(timeoutSeconds);
        CancelJournal journal = CancelJournal.of(jdbi);
        while (r.outcome() == PartialResult.Outcome.UNKNOWN && clock.instant().isBefore(deadline)) {
            Sleeper.SYSTEM.sleep(Duration.ofMillis(500));
            r = resolver.resolve(journal.find(r.requestId()).orElseThrow());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "%s  %s  qty %d  %s  %s%n",
                r.requestId(),
                target.orderId(),
                qty,
                r.outcome(),
                (r.cancelOrderId() == null ? "" : r.cancelOrderId() + "  ") + r.detail());
        out.flush();
        return r.outcome().unresolved() ? ExitCodes.UNRESOLVED : ExitCodes.OK;
    }

    private void print(KillReport report) {
        PrintWriter out = spec.commandLine().getOut();
        String format = "%-10s  %-8s  %-4s  %-6s  %5s  %-28s  %s%n";
        out.printf(format, "ODNO", "SYMBOL", "SIDE", "STATE", "SENDS", "WHY TARGETED", "DETAIL");
        for (KillReport.Line l : report.lines()) {
            out.printf(
                    format,
                    l.odno(),
                    l.symbol(),
                    l.side(),
                    l.closed() ? "CLOSED" : "OPEN",
                    l.sends(),
                    l.via(),
                    l.detail());
        }
        int left = report.remaining().size();
        out.println(
                left == 0
                        ? "all " + report.lines().size() + " targeted orders closed"
                        : left + " of " + report.lines().size() + " targeted orders not confirmed closed"
                                + (report.incomplete() == null ? "" : " (open orders: " + report.incomplete() + ")"));
        out.flush();
    }
}
