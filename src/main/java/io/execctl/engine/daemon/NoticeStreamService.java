package io.execctl.engine.daemon;

import io.execctl.kis.ws.NoticeListener;
import io.execctl.kis.ws.NoticeStream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution-notice WebSocket as a {@link DaemonService}: a new {@link NoticeStream} (and a new
 * handler: coverage spans belong to one connection's life) each time the daemon becomes active,
 * closed when it stops or loses its lock — a standby holds no WebSocket (KIS allows one session
 * per app key).
 */
final class NoticeStreamService implements DaemonService {
    private static final Logger log = LoggerFactory.getLogger(NoticeStreamService.class);

    private final Function<NoticeListener, NoticeStream> factory;
    private final Supplier<NoticeListener> handlers;
    private final DaemonStatus status;
    private final Runnable onGap;
    private NoticeStream stream;

    NoticeStreamService(
            Function<NoticeListener, NoticeStream> factory,
            Supplier<NoticeListener> handlers,
            DaemonStatus status,
            Runnable onGap) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.handlers = Objects.requireNonNull(handlers, "handlers");
        this.status = Objects.requireNonNull(status, "status");
        this.onGap = Objects.requireNonNull(onGap, "onGap");
    }

    @Override
    public String name() {
        return "notice-stream";
    }

    @Override
    public synchronized void start() {
        NoticeListener handler = handlers.get();
        if (handler == null) {
            log.warn("notice stream: no notice handler in this build; notices are received but not applied"
                    + " (fills come from the REST syncs)");
        }
        stream = factory.apply(new NoticeWatch(handler, status, onGap));
        stream.start();
    }

    @Override
    public synchronized void stop(Duration timeout) {
        if (stream != null) {
            try {
                stream.close();
            } finally {
                stream = null;
                status.wsSubscribed(false);
            }
        }
    }
}
