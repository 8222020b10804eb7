package io.execctl.kis.ws;

import io.execctl.domain.Secret;
import io.execctl.kis.KisMetrics;
import java.time.Clock;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;

/** Wires a stream; clock, random, scheduler, client and metrics have production defaults. */
public final class NoticeStreamBuilder {
    final NoticeStreamSettings settings;
    final Supplier<Secret> approvalKey;
    final Consumer<Secret> invalidateApprovalKey;
    final NoticeListener listener;
    OkHttpClient client;
    NoticeScheduler scheduler;
    Clock clock = Clock.systemUTC();
    RandomGenerator random = new SplittableRandom();
    KisMetrics metrics = KisMetrics.NOOP;

    NoticeStreamBuilder(
            NoticeStreamSettings settings,
            Supplier<Secret> approvalKey,
            Consumer<Secret> invalidateApprovalKey,
            NoticeListener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.approvalKey = Objects.requireNonNull(approvalKey, "approvalKey");
        this.invalidateApprovalKey = Objects.requireNonNull(invalidateApprovalKey, "invalidateApprovalKey");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** A shared client to derive from (its pool and dispatcher are reused, not shut down). */
    public NoticeStreamBuilder client(OkHttpClient client) {
        this.client = Objects.requireNonNull(client, "client");
        return this;
    }

    /** A scheduler owned by the caller (not shut down on close). */
    public NoticeStreamBuilder scheduler(NoticeScheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        return this;
    }

    public NoticeStreamBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    public NoticeStreamBuilder random(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
        return this;
    }

    public NoticeStreamBuilder metrics(KisMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        return this;
    }

    public NoticeStream build() {
        return new NoticeStream(this);
    }
}
