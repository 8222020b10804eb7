package io.execctl.cli;

import io.execctl.config.Setting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The chaos day's simulator session follows the wall clock unless the day could reach midnight (Korea). */
class ChaosSessionTest {
    private static Clock at(String utc) {
        return Clock.fixed(Instant.parse(utc), ZoneOffset.UTC);
    }

    @Test
    void aDayFarFromMidnightRunsOnKoreaWallTimeWithSecondsOfSkew() {
        // 19:47:31.6 UTC = 04:47:31 KST
        ChaosSession s = ChaosSession.of(at("2026-12-02T19:47:31.600Z"), Duration.ofMinutes(30));
        assertThat(s.start()).isEqualTo(LocalTime.of(4, 47, 31));
        assertThat(s.wall()).isTrue();
        assertThat(s.daemonSettings()).containsEntry(Setting.ORDER_TIME_SKEW_MS, "5000");
        assertThat(s.daemonSettings()).containsEntry(Setting.MARKET_HOURS, "always");
    }

    @Test
    void aDayThatCouldReachMidnightKeepsTheNineOClockSessionAndTheWholeDaySkew() {
        // 14:50 UTC = 23:50 KST, and the day may take 30 minutes
        ChaosSession s = ChaosSession.of(at("2026-12-02T14:50:00Z"), Duration.ofMinutes(30));
        assertThat(s.start()).isEqualTo(LocalTime.of(9, 0));
        assertThat(s.wall()).isFalse();
        assertThat(s.daemonSettings()).containsEntry(Setting.ORDER_TIME_SKEW_MS, "86400000");
    }
}
