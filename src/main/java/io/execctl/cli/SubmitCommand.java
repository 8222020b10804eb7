package io.execctl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.execctl.config.Config;
import io.execctl.config.EvidenceSettings;
import io.execctl.config.KisSettings;
import io.execctl.config.Need;
import io.execctl.domain.AbsenceRules;
import io.execctl.domain.JournalPolicy;
import io.execctl.engine.Alerter;
import io.execctl.engine.LoggingAlerter;
import io.execctl.engine.ownership.ParkedNoticeReplay;
import io.execctl.engine.ownership.PgOrderOwnership;
import io.execctl.engine.submit.OrderInquiry;
import io.execctl.engine.submit.OrderPort;
import io.execctl.engine.submit.SubmitAlerts;
import io.execctl.engine.submit.SubmitPass;
import io.execctl.engine.submit.SubmitResult;
import io.execctl.engine.submit.Submitter;
import io.execctl.engine.submit.UnknownResolver;
import io.execctl.kis.KisMetrics;
import io.execctl.store.Db;
import io.execctl.store.Incarnation;
import io.execctl.store.NoticeCoverageStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jdbi.v3.core.Jdbi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code execctl submit}: one submission pass over NEW intents (or one intent), and what it did. */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = {
            "Send NEW order intents to KIS once each, oldest first, and print what became of them.",
            "Then resolves UNKNOWN submissions by the evidence rules (adopt, one resend on proven absence).",
            "Exit code 4 when an outcome stays unknown, sending was refused or an intent waits (work is left)."
        })
final class SubmitCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    ExecctlCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--intent-id", paramLabel = "ID", description = "only this intent (it must be NEW)")
    UUID intentId;

    @Option(names = "--dry-run", description = "validate and check only: claim nothing, send nothing")
    boolean dryRun;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    @Override
    public Integer call() {
        Config config = dryRun ? root.config(Need.DB) : root.config(Need.DB, Need.KIS);
        try (Database db = Database.open(config)) {
            Jdbi jdbi = Db.create(db.dataSource());
            List<SubmitResult> results;
            if (dryRun) {
                OrderPort none = (req, fence) -> {
                    throw new IllegalStateException("a dry run sends nothing");
                };
                results =
                        run(new Submitter(jdbi, none, "dry-run", Incarnation.start(), policy(), clock(), alerts()), 1);
            } else {
                KisSettings settings = KisWiring.settings(config);
                try (KisRuntime kis = KisWiring.open(settings, config.infra(), jdbi, KisMetrics.NOOP)) {
                    String account = settings.account().reveal();
                    Submitter submitter = new Submitter(
                            jdbi,
                            kis.client()::placeCashOrder,
                            account,
                            Incarnation.start(),
                            policy().withOrderCallTimeout(settings.timeouts().call()),
                            clock(),
                            alerts());
                    results = new ArrayList<>(run(submitter, config.loops().submitWorkers()));
                    if (intentId == null) {
                        results.addAll(resolver(jdbi, kis, settings, config.evidence(), submitter)
                                .resolveAll());
                    }
                }
            }
            print(results);
            boolean unresolved = results.stream().anyMatch(r -> r.outcome().isUnresolved());
            return unresolved ? ExitCodes.UNRESOLVED : ExitCodes.OK;
        }
    }

    /**
     * A whole pass goes through the daemon's code ({@link SubmitPass}: expired claims taken over, then
     * NEW intents in per-symbol lanes on {@code workers} threads); a dry run stays serial, claiming nothing.
     */
    private List<SubmitResult> run(Submitter submitter, int workers) {
        if (intentId == null && !dryRun) {
            try (SubmitPass pass = new SubmitPass(submitter, workers)) {
                return pass.runForResults();
            }
        }
        if (intentId == null) {
            return submitter.runPass(Submitter.DEFAULT_BATCH, dryRun);
        }
        try {
            return List.of(submitter.submitOne(intentId, dryRun));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--intent-id: " + e.getMessage());
        }
    }

    /**
     * Resolution of UNKNOWN submissions after the pass (their own trading dates): adopt the one
     * matching order, resend once on proof of absence, else report them (exit 4).
     */
    private static UnknownResolver resolver(
            Jdbi jdbi, KisRuntime kis, KisSettings settings, EvidenceSettings evidence, Submitter submitter) {
        Alerter alerter = new LoggingAlerter();
        String streamKey =
                settings.htsId().isEmpty() ? null : NoticeCoverageStore.streamKey(settings.env(), settings.htsId());
        return new UnknownResolver(
                jdbi,
                OrderInquiry.of(kis.client()),
                new PgOrderOwnership(jdbi, clock(), evidence.orderTimeSkew(), alerter, ParkedNoticeReplay.NONE),
                submitter,
                new AbsenceRules(evidence.historyLag(), settings.env(), evidence.orderTimeSkew()),
                settings.account().reveal(),
                streamKey,
                clock(),
                alerter);
    }

    private static JournalPolicy policy() {
        return JournalPolicy.defaults();
    }

    private static Clock clock() {
        return Clock.systemUTC();
    }

    private static SubmitAlerts alerts() {
        return SubmitAlerts.logging();
    }

    private void print(List<SubmitResult> results) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode rows = JSON.createArrayNode();
            for (SubmitResult r : results) {
                ObjectNode n = rows.addObject();
                n.put("intent_id", r.intentId().toString());
                n.put("symbol", r.symbol());
                n.put("side", r.side());
                n.put("qty", r.qty());
                n.put("outcome", r.outcome().name());
                n.put("order_id", r.orderId());
                n.put("reason", r.reason());
            }
            ObjectNode doc = JSON.createObjectNode();
            doc.put("dry_run", dryRun);
            doc.set("results", rows);
            out.println(doc.toString());
        } else if (results.isEmpty()) {
            out.println("no NEW intents");
        } else {
            String format = "%-36s  %-8s  %-12s  %8s  %-12s  %-30s  %s%n";
            out.printf(format, "INTENT", "SYMBOL", "SIDE", "QTY", "OUTCOME", "ORDER", "REASON");
            for (SubmitResult r : results) {
                out.printf(
                        format,
                        r.intentId(),
                        r.symbol(),
                        r.side(),
                        r.qty(),
                        r.outcome(),
                        r.orderId() == null ? "-" : r.orderId(),
                        r.reason() == null ? "" : r.reason());
            }
        }
        out.flush();
    }
}
