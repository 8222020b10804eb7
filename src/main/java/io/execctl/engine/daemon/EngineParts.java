package io.execctl.engine.daemon;

import io.execctl.engine.EnginePass;
import io.execctl.kis.ws.NoticeListener;
import io.execctl.kis.ws.NoticeStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one list of what the engine has: a pass per {@link PassName} (absent while it is not built)
 * and the services that run their own threads (intent pump, notice stream). The bootstrap's steps
 * ({@link BootstrapPlan}) and the daemon's loops ({@link LoopPlan}) are both derived from it, so
 * adding a pass is one {@code .pass(...)} line where the parts are wired.
 */
public final class EngineParts {
    private final Map<PassName, EnginePass> passes;
    private final List<DaemonService> services;
    private final boolean intentPickupService;
    private final Function<NoticeListener, NoticeStream> noticeStream;
    private final Supplier<NoticeListener> noticeHandler;
    private final Map<PassName, Nudge> nudges = new EnumMap<>(PassName.class);

    private EngineParts(Builder b) {
        this.passes = Map.copyOf(b.passes);
        this.services = List.copyOf(b.services);
        this.intentPickupService = b.intentPickupService;
        this.noticeStream = b.noticeStream;
        this.noticeHandler = b.noticeHandler;
        for (PassName n : PassName.values()) {
            nudges.put(n, b.nudges.getOrDefault(n, new Nudge()));
        }
    }

    /** The pass's loop's {@link Nudge} (the loop's next run moved earlier); one per pass name. */
    public Nudge nudge(PassName name) {
        return nudges.get(name);
    }

    /** Opens a (not yet started) notice stream delivering to the given listener; empty without HTS id. */
    public Optional<Function<NoticeListener, NoticeStream>> noticeStream() {
        return Optional.ofNullable(noticeStream);
    }

    /** A new notice handler per connection life; its result is null while no handler is built. */
    public Supplier<NoticeListener> noticeHandler() {
        return noticeHandler;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<EnginePass> pass(PassName name) {
        return Optional.ofNullable(passes.get(name));
    }

    public List<DaemonService> services() {
        return services;
    }

    /**
     * True when a service picks up intents itself (the intent pump: LISTEN + poll, running the
     * submit pass): the daemon then does not poll with the submit pass on its own schedule.
     */
    public boolean hasIntentPickupService() {
        return intentPickupService;
    }

    public static final class Builder {
        private final Map<PassName, EnginePass> passes = new EnumMap<>(PassName.class);
        private final List<DaemonService> services = new ArrayList<>();
        private boolean intentPickupService;
        private Function<NoticeListener, NoticeStream> noticeStream;
        private Supplier<NoticeListener> noticeHandler = () -> null;
        private final Map<PassName, Nudge> nudges = new EnumMap<>(PassName.class);

        private Builder() {}

        /** The nudge of the pass's loop, for a service built with the parts (e.g. the fill watch). */
        public Nudge nudge(PassName name) {
            return nudges.computeIfAbsent(Objects.requireNonNull(name, "name"), n -> new Nudge());
        }

        /** The execution-notice WebSocket: a stream delivering to the listener given (not started). */
        public Builder noticeStream(Function<NoticeListener, NoticeStream> factory) {
            this.noticeStream = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * The engine's notice handler (applies notices durably), e.g. the notice pipeline wrapped in a
         * {@code NoticeCoverageRecorder}; asked for a new one each time the stream starts.
         */
        public Builder noticeHandler(Supplier<NoticeListener> handler) {
            this.noticeHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        public Builder pass(PassName name, EnginePass pass) {
            passes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(pass, "pass"));
            return this;
        }

        public Builder service(DaemonService service) {
            services.add(Objects.requireNonNull(service, "service"));
            return this;
        }

        /** A service that picks up NEW intents (LISTEN + poll) and runs the submit pass itself. */
        public Builder intentPickup(DaemonService pump) {
            intentPickupService = true;
            return service(pump);
        }

        public EngineParts build() {
            return new EngineParts(this);
        }
    }
}
