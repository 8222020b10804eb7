package io.execctl.kis;

import io.execctl.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every requested sleep and moves the test clock instead of waiting. */
final class RecordingSleeper implements Sleeper {
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final MutableClock clock;

    RecordingSleeper(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration d) {
        sleeps.add(d);
        if (clock != null) {
            clock.advance(d);
        }
    }

    Duration total() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
