package io.execctl.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TradingDateTest {
    @Test
    void anAnswerOrNoticeIsDatedByTheKoreanDateOfTheClockNeverTheHostZone() {
        // 16:30 UTC on the 24th is 01:30 on the 25th in Seoul (and 11:30 on the 24th in New York,
        // the zone surefire runs in).
        Instant sent = Instant.parse("2026-11-24T16:30:00Z");
        assertThat(TradingDate.at(sent)).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(TradingDate.today(Clock.fixed(sent, ZoneId.of("America/New_York"))))
                .isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(KoreaTime.tradingDate(sent)).isEqualTo(TradingDate.at(sent));
    }

    @Test
    void aRowIsDatedByTheBrokersOwnDate() {
        assertThat(TradingDate.ofBrokerDate("20261124")).isEqualTo(LocalDate.of(2026, 11, 24));
    }
}
