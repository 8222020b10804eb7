package io.execctl.sim.market;

import io.execctl.domain.KoreaTime;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * The simulator's own session clock (Korea time). It is independent of the host's wall clock so
 * that the market is open by default at any hour and tests pass at 3 a.m.: it starts at the
 * configured trading date and time (default: today in Korea, 09:00:00) and advances with
 * {@link SimBroker#advance} or, when a speed is set, with wall time times the speed.
 */
public interface SessionClock {
    LocalDate tradingDate();

    LocalTime time();

    boolean marketOpen();

    /** HHmmss of {@link #time()}. */
    default String hhmmss() {
        return KoreaTime.formatTime(time());
    }
}
