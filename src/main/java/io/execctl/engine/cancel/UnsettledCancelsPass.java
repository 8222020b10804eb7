package io.execctl.engine.cancel;

import io.execctl.engine.EnginePass;
import io.execctl.engine.PassReport;
import io.execctl.store.CancelJournal;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's pass over partial cancels whose outcome is not settled (left CLAIMED past their lease
 * by a dead process, sent past their deadline, UNKNOWN): one look at the evidence each through {@link CancelResolver#resolve}, so a cancel sent by
 * {@code execctl cancel} before a crash is settled by the running daemon rather than left open.
 */
public final class UnsettledCancelsPass implements EnginePass {
    public static final String NAME = "resolve-cancels";
    private static final Logger log = LoggerFactory.getLogger(UnsettledCancelsPass.class);

    private final Jdbi jdbi;
    private final CancelResolver resolver;

    public UnsettledCancelsPass(Jdbi jdbi, CancelResolver resolver) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    @Override
    public PassReport run() {
        int looked = 0;
        int open = 0;
        for (CancelJournal.CancelRow row : CancelJournal.of(jdbi).unsettled()) {
            looked++;
            try {
                PartialResult r = resolver.resolve(row);
                if (r.outcome().unresolved()) {
                    open++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new PassReport(NAME, false, looked - open - 1, open + 1, "interrupted");
            } catch (RuntimeException e) {
                open++;
                log.warn("partial cancel {} could not be resolved now: {}", row.requestId(), e.toString());
            }
        }
        return new PassReport(
                NAME, open == 0, looked - open, open, looked + " unsettled cancel(s), " + open + " still open");
    }
}
