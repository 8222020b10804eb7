package io.execctl.cli;

import io.execctl.kis.KisMetrics;
import io.execctl.kis.RawExchange;
import io.execctl.kis.RawSink;
import io.execctl.store.BrokerMessage;
import io.execctl.store.BrokerMessageStore;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every raw REST answer from KIS in the append-only {@code trade.broker_messages} audit
 * (credentials already scrubbed by the client). An audit write that fails is logged and does not fail
 * the broker call: the call's outcome matters more than its copy.
 */
final class RestAudit implements RawSink {
    private static final Logger LOG = LoggerFactory.getLogger(RestAudit.class);

    private final BrokerMessageStore store;

    RestAudit(Jdbi jdbi) {
        this.store = BrokerMessageStore.of(jdbi);
    }

    @Override
    public void accept(RawExchange x) {
        String payload = x.responseBody() == null ? "" : x.responseBody();
        // A business rejection parsed fine: only answers the client could not read are errors here.
        boolean parsed =
                KisMetrics.Outcome.SUCCESS.equals(x.outcome()) || KisMetrics.Outcome.REJECTED.equals(x.outcome());
        BrokerMessage.Outcome outcome = parsed ? BrokerMessage.Outcome.OK : BrokerMessage.Outcome.ERROR;
        try {
            store.append(new BrokerMessage(
                    0,
                    x.receivedAt() == null ? x.sentAt() : x.receivedAt(),
                    BrokerMessage.Channel.REST,
                    x.trId(),
                    x.endpoint(),
                    payload,
                    outcome,
                    outcome == BrokerMessage.Outcome.OK ? null : x.status() + " " + x.outcome(),
                    x.gtUid()));
        } catch (RuntimeException e) {
            LOG.warn(
                    "could not keep a raw KIS answer in broker_messages ({} {}): {}",
                    x.endpoint(),
                    x.trId(),
                    e.getClass().getSimpleName());
        }
    }
}
