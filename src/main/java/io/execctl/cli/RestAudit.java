package io.execctl.cli;

import io.execctl.kis.KisMetrics;
import io.execctl.kis.RawExchange;
import io.execctl.kis.RawSink;
import io.execctl.store.AuditWriter;
import io.execctl.store.BrokerMessage;
import java.util.Objects;

/**
 * Keeps every raw REST answer from KIS in the append-only {@code trade.broker_messages} audit
 * (credentials already scrubbed by the client). The message is handed to the {@link AuditWriter},
 * which inserts it later on its own connection: the REST call neither waits for the insert nor can
 * it be failed, delayed or rolled back by it, and it never joins the caller's transaction.
 */
public final class RestAudit implements RawSink {
    private final AuditWriter writer;

    public RestAudit(AuditWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public void accept(RawExchange x) {
        writer.submit(message(x));
    }

    static BrokerMessage message(RawExchange x) {
        String payload = x.responseBody() == null ? "" : x.responseBody();
        // A business rejection parsed fine: only answers the client could not read are errors here.
        boolean parsed =
                KisMetrics.Outcome.SUCCESS.equals(x.outcome()) || KisMetrics.Outcome.REJECTED.equals(x.outcome());
        BrokerMessage.Outcome outcome = parsed ? BrokerMessage.Outcome.OK : BrokerMessage.Outcome.ERROR;
        return new BrokerMessage(
                0,
                x.receivedAt() == null ? x.sentAt() : x.receivedAt(),
                BrokerMessage.Channel.REST,
                x.trId(),
                x.endpoint(),
                payload,
                outcome,
                outcome == BrokerMessage.Outcome.OK ? null : x.status() + " " + x.outcome(),
                x.gtUid());
    }
}
