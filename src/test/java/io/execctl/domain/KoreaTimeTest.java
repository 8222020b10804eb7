package io.execctl.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KoreaTimeTest {

    @Test
    void hostZoneIsNotKorea() {
        // Surefire runs with America/New_York so these tests prove zone independence.
        assertThat(TimeZone.getDefault().getID()).isNotEqualTo("Asia/Seoul");
    }

    @Test
    void kisDateAndTimeAreKoreaLocal() {
        Instant t = KoreaTime.toInstant("20261124", "093015");
        assertThat(t).isEqualTo(Instant.parse("2026-11-24T00:30:15Z"));
        assertThat(KoreaTime.hhmmss(t)).isEqualTo("093015");
    }

    @Test
    void tradingDateIsTheKoreanDate() {
        // 23:30 UTC on the 23rd is 08:30 KST on the 24th.
        assertThat(KoreaTime.tradingDate(Instant.parse("2026-11-23T23:30:00Z"))).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(KoreaTime.tradingDate(Instant.parse("2026-11-24T14:59:59Z"))).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(KoreaTime.tradingDate(Instant.parse("2026-11-24T15:00:00Z"))).isEqualTo(LocalDate.of(2026, 11, 25));
    }

    @Test
    void datesRoundTrip() {
        assertThat(KoreaTime.formatDate(KoreaTime.parseDate("20260101"))).isEqualTo("20260101");
    }

    @Test
    void malformedValuesAreClearErrors() {
        assertThatThrownBy(() -> KoreaTime.parseDate("2026-01-01")).hasMessageContaining("yyyyMMdd");
        assertThatThrownBy(() -> KoreaTime.parseTime("25:00:00")).hasMessageContaining("HHmmss");
        assertThatThrownBy(() -> KoreaTime.parseTime("246000")).hasMessageContaining("HHmmss");
    }
}
