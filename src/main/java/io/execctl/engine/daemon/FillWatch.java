package io.execctl.engine.daemon;

import io.execctl.store.NotificationListener;
import io.execctl.store.OutboxEvent;
import io.execctl.store.OutboxStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells {@link HoldingsSoon} when fills committed and then went quiet for {@code settle}, from any
 * process (the daemon's notice path and REST syncs, a cron {@code sync fills}): it LISTENs on the
 * outbox channel, whose NOTIFY carries the id of each event when its transaction commits, and looks up,
 * a moment later and in one query for all the ids heard meanwhile, whether any of them is a {@code
 * FILL}. Each fill pushes the signal back to {@code settle} after it (debounced: during a steady stream
 * of fills the holdings loop keeps its cadence and no budget goes to extra balance reads; the run
 * follows the end of the stream). A LISTEN gap (notifications lost) counts as a fill: one holdings run
 * too many is cheap, one too few only waits for the cadence.
 *
 * <p>A service of the active daemon: started with the lock (before the bootstrap), stopped with the loops.
 */
public final class FillWatch implements DaemonService {
    private static final Logger log = LoggerFactory.getLogger(FillWatch.class);
    /** Ids beyond this many unread are not kept: the batch counts as a fill. */
    static final int MAX_IDS = 10_000;
    /** Notifications gathered this long before the one lookup. */
    public static final Duration DEFAULT_BATCH = Duration.ofMillis(250);

    private final Jdbi jdbi;
    private final Function<NotificationListener.Handler, NotificationListener> listen;
    private final HoldingsSoon soon;
    private final Duration batch;
    private final Duration settle;
    private volatile ScheduledFuture<?> quiet;
    private final List<Long> ids = new ArrayList<>();
    private boolean overflow;
    private boolean checkPending;
    private ScheduledExecutorService checker;
    private NotificationListener listener;

    /**
     * @param listen e.g. {@code h -> new NotificationListener(db.directDataSource(),
     *               List.of(OutboxEvent.CHANNEL), h, options)}
     * @param batch  how long notifications are gathered before the one lookup
     * @param settle how long fills must have been quiet before {@link HoldingsSoon} is told
     */
    public FillWatch(
            Jdbi jdbi,
            Function<NotificationListener.Handler, NotificationListener> listen,
            HoldingsSoon soon,
            Duration batch,
            Duration settle) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.listen = Objects.requireNonNull(listen, "listen");
        this.soon = Objects.requireNonNull(soon, "soon");
        this.batch = Objects.requireNonNull(batch, "batch");
        this.settle = Objects.requireNonNull(settle, "settle");
    }

    @Override
    public String name() {
        return "fill-watch";
    }

    @Override
    public synchronized void start() {
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "execctl-fill-watch");
            t.setDaemon(true);
            return t;
        });
        listener = listen.apply(new NotificationListener.Handler() {
            @Override
            public void onNotification(String channel, String payload) {
                heard(payload);
            }

            @Override
            public void onGap() {
                gap();
            }
        });
        listener.start();
    }

    @Override
    public synchronized void stop(Duration timeout) {
        if (listener != null) {
            listener.close();
            listener = null;
        }
        if (checker != null) {
            checker.shutdownNow();
            checker = null;
        }
        synchronized (ids) {
            ids.clear();
            overflow = false;
            checkPending = false;
        }
    }

    private void heard(String payload) {
        long id;
        try {
            id = Long.parseLong(payload.trim());
        } catch (NumberFormatException e) {
            log.debug("outbox notification with payload '{}' ignored", payload);
            return;
        }
        synchronized (ids) {
            if (ids.size() < MAX_IDS) {
                ids.add(id);
            } else {
                overflow = true;
            }
            scheduleCheck();
        }
    }

    private void gap() {
        synchronized (ids) {
            overflow = true;
            scheduleCheck();
        }
    }

    /** Called holding {@code ids}. */
    private void scheduleCheck() {
        ScheduledExecutorService c = checker;
        if (checkPending || c == null) {
            return;
        }
        checkPending = true;
        try {
            c.schedule(this::check, batch.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            checkPending = false; // stopping
        }
    }

    private void check() {
        List<Long> heard;
        boolean lost;
        synchronized (ids) {
            heard = List.copyOf(ids);
            lost = overflow;
            ids.clear();
            overflow = false;
            checkPending = false;
        }
        try {
            if (lost || anyFill(heard)) {
                fillSeen();
            }
        } catch (RuntimeException e) {
            log.warn("fill watch: cannot read the outbox ({}); the holdings cadence stays", e.toString());
        }
    }

    /** Pushes the signal back to {@code settle} from now (runs on the checker thread). */
    private void fillSeen() {
        ScheduledExecutorService c = checker;
        if (c == null) {
            return;
        }
        ScheduledFuture<?> q = quiet;
        if (q != null) {
            q.cancel(false);
        }
        try {
            quiet = c.schedule(soon::fillsCommitted, settle.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            log.debug("fill watch stopping: {}", e.toString());
        }
    }

    private boolean anyFill(List<Long> heard) {
        return OutboxStore.of(jdbi).anyOfType(heard, OutboxEvent.FILL);
    }
}
