package io.execctl.engine.daemon;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Whether the KRX regular session (09:00–15:30 Korean time, weekdays) is over or not yet begun: the
 * holdings loop slows to 60–120 s then. Holidays are not known here; on one the loop simply runs at
 * the daytime cadence.
 */
public final class MarketHours implements BooleanSupplier {
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final LocalTime OPENS = LocalTime.of(8, 30); // pre-market orders start
    static final LocalTime CLOSES = LocalTime.of(15, 30);

    private final Clock clock;

    public MarketHours(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** True after the close (and before the next session, and at weekends). */
    @Override
    public boolean getAsBoolean() {
        ZonedDateTime now = clock.instant().atZone(SEOUL);
        DayOfWeek d = now.getDayOfWeek();
        if (d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY) {
            return true;
        }
        LocalTime t = now.toLocalTime();
        return t.isBefore(OPENS) || !t.isBefore(CLOSES);
    }
}
