package io.execctl.metrics;

import io.execctl.domain.MismatchKind;
import io.execctl.engine.Alert;
import io.execctl.kis.KisMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Puts at least one sample into every labelled execctl metric, so a scrape shows every series shape. */
public final class MetricsExercise {
    private MetricsExercise() {}

    public static void all(ExecctlMetrics m) {
        KisPrometheusMetrics kis = m.kis();
        kis.wsConnected(true);
        kis.wsFrame(KisMetrics.Frame.PINGPONG);
        kis.wsReconnect();
        kis.request("order_cash", KisMetrics.Outcome.SUCCESS, Duration.ofMillis(120));
        kis.request("inquire_balance", KisMetrics.Outcome.GATEWAY, Duration.ofMillis(900));
        kis.retry("inquire_balance", KisMetrics.Outcome.GATEWAY);
        kis.rateBudgetWait("order", Duration.ofMillis(30));
        ExecutionMetrics e = m.execution();
        e.unfilledSynced(Instant.now());
        e.fillsSynced(Instant.now());
        m.holdings().synced(Instant.now());
        m.holdings().mismatch(MismatchKind.QTY, "005930");
        m.holdings().mismatch(MismatchKind.MISSING, "000660");
        m.holdings().mismatch(MismatchKind.EXTRA, "035420");
        e.fillRecorded("ws", Duration.ofMillis(40));
        e.fillVoided();
        e.fillInferred();
        e.fillNoticeHeld();
        e.unfilledOrders(Map.of(new ExecutionMetrics.UnfilledKey("005930", "SUBMITTED"), 2L));
        e.bootstrap(ExecutionMetrics.BootstrapStatus.RUNNING);
        e.bootstrapFinished(true, Duration.ofSeconds(3));
        e.intentFinished("submitted");
        e.unknownSubmissions(0);
        e.parkedNotices(1);
        e.loopError("fills");
        e.daemonActive(true);
        e.orderRecomputeDrift();
        e.cancelSent("accepted");
        e.killSwitchRun(true);
        e.intentPumpScan();
        e.intentPumpNotified();
        e.intentPumpListenGap();
        e.intentPumpScanError();
        m.alerts().raise(new Alert(Alert.Severity.WARNING, "HOLDING_MISMATCH_QTY", "x"));
    }
}
