package io.execctl.kis.ws;

import io.execctl.domain.KisEnv;
import io.execctl.domain.Secret;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class NoticeSchedulerTest {

    @Test
    void singleThreadSchedulerRunsOnceAndPeriodicallyAndCancels() {
        NoticeScheduler s = NoticeScheduler.singleThread("test-notice-scheduler");
        try {
            AtomicInteger once = new AtomicInteger();
            AtomicInteger periodic = new AtomicInteger();
            s.schedule(Duration.ofMillis(5), once::incrementAndGet);
            NoticeScheduler.Cancellable every = s.every(Duration.ofMillis(5), periodic::incrementAndGet);
            await().atMost(Duration.ofSeconds(10)).until(() -> once.get() == 1 && periodic.get() >= 3);
            every.cancel();
            NoticeScheduler.Cancellable never = s.schedule(Duration.ofHours(1), once::incrementAndGet);
            never.cancel();
            assertThat(once.get()).isEqualTo(1);
        } finally {
            s.shutdown();
        }
    }

    @Test
    void aMalformedUrlFailsWhenTheStreamIsBuiltNotOnAReconnect() {
        var settings = NoticeStreamSettings.of(KisEnv.REAL, "ws://", "demo");
        assertThatThrownBy(() -> NoticeStream.builder(settings, () -> Secret.of("k"), k -> {}, n -> {})
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
