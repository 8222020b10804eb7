package io.execctl.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Korea time as tables; the host zone is America/New_York under surefire on purpose. */
class KoreaTimeTest {

    @Test
    void hostZoneIsNotKorea() {
        // Surefire runs with America/New_York so these tests prove zone independence.
        assertThat(TimeZone.getDefault().getID()).isNotEqualTo("Asia/Seoul");
    }

    @ParameterizedTest(name = "{0} {1} KST = {2}")
    @CsvSource({
        "20261124, 093015, 2026-11-24T00:30:15Z",
        "20261124, 000000, 2026-11-23T15:00:00Z", // Korean midnight is the previous UTC day
        "20261124, 235959, 2026-11-24T14:59:59Z",
        "20260308, 023000, 2026-03-07T17:30:00Z", // a US DST gap hour: no shift, Korea has no DST
        "20261101, 013000, 2026-10-31T16:30:00Z", // the US DST overlap hour
        "20280229, 120000, 2028-02-29T03:00:00Z"
    })
    void kisDateAndTimeAreKoreaLocal(String yyyymmdd, String hhmmss, Instant utc) {
        assertThat(KoreaTime.toInstant(yyyymmdd, hhmmss)).isEqualTo(utc);
        assertThat(KoreaTime.hhmmss(utc)).isEqualTo(hhmmss);
        assertThat(KoreaTime.formatDate(KoreaTime.tradingDate(utc))).isEqualTo(yyyymmdd);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2026-11-23T23:30:00Z, 2026-11-24", // 08:30 KST on the 24th
        "2026-11-24T14:59:59Z, 2026-11-24",
        "2026-11-24T15:00:00Z, 2026-11-25",
        "2026-12-31T15:00:00Z, 2027-01-01"
    })
    void tradingDateIsTheKoreanDate(Instant instant, LocalDate date) {
        assertThat(KoreaTime.tradingDate(instant)).isEqualTo(date);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20260101", "20261231", "20280229", "19991231"})
    void datesRoundTrip(String yyyymmdd) {
        assertThat(KoreaTime.formatDate(KoreaTime.parseDate(yyyymmdd))).isEqualTo(yyyymmdd);
    }

    @ParameterizedTest
    @ValueSource(strings = {"000000", "090000", "153000", "235959"})
    void timesRoundTrip(String hhmmss) {
        assertThat(KoreaTime.formatTime(KoreaTime.parseTime(hhmmss))).isEqualTo(hhmmss);
    }

    @ParameterizedTest(name = "date ''{0}''")
    @ValueSource(strings = {"2026-01-01", "20261301", "20260230", "2026011", "", "abcdefgh"})
    void malformedDatesAreClearErrors(String text) {
        assertThatThrownBy(() -> KoreaTime.parseDate(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("yyyyMMdd");
    }

    @ParameterizedTest(name = "time ''{0}''")
    @ValueSource(strings = {"25:00:00", "246000", "240000", "0930", "096000", "", "9:30:15"})
    void malformedTimesAreClearErrors(String text) {
        assertThatThrownBy(() -> KoreaTime.parseTime(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HHmmss");
    }
}
