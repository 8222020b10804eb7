package io.execctl.cli;

import io.execctl.kis.KisClient;
import io.execctl.store.AuditWriter;
import java.util.Objects;

/**
 * A wired broker client with the parts that live as long as it: the audit writer (closing flushes
 * the queued raw messages) and the shared rate budget's connection.
 */
public final class KisRuntime implements AutoCloseable {
    private final KisClient client;
    private final AuditWriter audit;
    private final AutoCloseable budget;

    KisRuntime(KisClient client, AuditWriter audit, AutoCloseable budget) {
        this.client = Objects.requireNonNull(client, "client");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.budget = budget;
    }

    public KisClient client() {
        return client;
    }

    /** The audit writer, e.g. for a {@link WsAudit} of the notice stream, and its counters. */
    public AuditWriter audit() {
        return audit;
    }

    /** Closes the client, then flushes and stops the audit (the client's last answers included). */
    @Override
    public void close() {
        try {
            client.close();
        } finally {
            try {
                audit.close();
            } finally {
                if (budget != null) {
                    try {
                        budget.close();
                    } catch (Exception e) {
                        // the budget's connection only; nothing is lost
                    }
                }
            }
        }
    }
}
