package io.execctl.sim.market;

import io.execctl.domain.KisEnv;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** MarketConfig defaults and validation, SymbolSpec parsing, FeeSchedule rounding, ODNO format. */
class ConfigTest {

    @Test
    void demoDefaults() {
        MarketConfig real = MarketConfig.defaults(KisEnv.REAL, Markets.WALL);
        assertThat(real.account()).isEqualTo("50000001-01");
        assertThat(real.htsId()).isEqualTo("demo");
        assertThat(real.branch()).isEqualTo("06590");
        assertThat(real.cash()).isEqualTo(100_000_000L);
        assertThat(real.seed()).isEqualTo(1L);
        assertThat(real.speed()).isEqualTo(1.0);
        assertThat(real.autoClose()).isFalse();
        assertThat(real.startTime()).isEqualTo(LocalTime.of(9, 0));
        assertThat(real.startDate()).isEqualTo(Markets.DAY);
        assertThat(real.fees().commissionRate()).isEqualByComparingTo("0.00015");
        assertThat(real.fees().sellTaxRate()).isEqualByComparingTo("0.0018");
        assertThat(real.symbols())
                .extracting(SymbolSpec::code)
                .containsExactly("005930", "000660", "035420", "051910", "068270");
        assertThat(real.symbols())
                .extracting(SymbolSpec::name)
                .containsExactly("삼성전자", "SK하이닉스", "NAVER", "LG화학", "셀트리온");
        assertThat(SymbolSpec.parseList(SymbolSpec.DEMO_SPEC)).isEqualTo(SymbolSpec.DEMO);
        assertThat(MarketConfig.defaults(KisEnv.PAPER, Markets.WALL).branch()).isEqualTo("00950");
    }

    @Test
    void startDateIsTheKoreanDateOfTheWallClock() {
        // 2026-11-24 16:00 UTC is already 2026-11-25 01:00 in Seoul
        var late = Clock.fixed(Instant.parse("2026-11-24T16:00:00Z"), ZoneOffset.UTC);
        assertThat(MarketConfig.defaults(KisEnv.REAL, late).startDate()).isEqualTo(Markets.DAY.plusDays(1));
    }

    @Test
    void badConfigurationIsRefusedWithAClearMessage() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Markets.config(KisEnv.REAL).account("1234").build())
                .withMessageContaining("12345678-01");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Markets.config(KisEnv.REAL).cash(-1).build());
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Markets.config(KisEnv.REAL).speed(-1).build());
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Markets.config(KisEnv.REAL)
                        .stepInterval(Duration.ofSeconds(7))
                        .build())
                .withMessageContaining("divide a day");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> Markets.config(KisEnv.REAL).moveProbability(1.5).build());
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Markets.config(KisEnv.REAL).branch("065").build());
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Markets.config(KisEnv.REAL).htsId(" ").build());
        assertThatIllegalArgumentException().isThrownBy(() -> new FeeSchedule(new BigDecimal("-0.1"), BigDecimal.ZERO));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Markets.config(KisEnv.REAL).accountName("a^b").build())
                .withMessageContaining("separators");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Markets.config(KisEnv.REAL).htsId("a|b").build());
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SymbolSpec.parseList("123456:1000:a^b"))
                .withMessageContaining("separators");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Markets.real().advance(Duration.ofDays(401)))
                .withMessageContaining("400 days");
    }

    @Test
    void symbolListsAndCounts() {
        assertThat(SymbolSpec.parseList("005930:72000,123456:15000:테스트"))
                .containsExactly(new SymbolSpec("005930", "삼성전자", 72_000), new SymbolSpec("123456", "테스트", 15_000));
        assertThat(SymbolSpec.parseList("3"))
                .extracting(SymbolSpec::code)
                .containsExactly("005930", "000660", "035420");
        var many = SymbolSpec.parseList("50");
        assertThat(many).hasSize(50);
        assertThat(many).extracting(SymbolSpec::code).doesNotHaveDuplicates();
        assertThat(many.get(49).code()).isEqualTo("900045");
        assertThat(SymbolSpec.parseList("50")).isEqualTo(many);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SymbolSpec.parseList("005930:72050"))
                .withMessageContaining("grid");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SymbolSpec.parseList("005930"))
                .withMessageContaining("005930:72000");
        assertThatIllegalArgumentException().isThrownBy(() -> SymbolSpec.parseList("005930:abc"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SymbolSpec.parseList("005930:72000,005930:72000"))
                .withMessageContaining("twice");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SymbolSpec.parseList("0"))
                .withMessageContaining("1..5000");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SymbolSpec.parseList("59:100"))
                .withMessageContaining("6 digits");
    }

    @Test
    void feesRoundDownPerExecution() {
        FeeSchedule f = FeeSchedule.DEFAULT;
        assertThat(f.commission(720_000)).isEqualTo(108);
        assertThat(f.commission(365_000)).isEqualTo(54); // 54.75
        assertThat(f.commission(6_666)).isEqualTo(0); // 0.9999
        assertThat(f.sellTax(1_095_000)).isEqualTo(1_971);
        assertThat(f.sellTax(555)).isEqualTo(0); // 0.999
        assertThat(f.sellTax(556)).isEqualTo(1); // 1.0008
    }

    @Test
    void odnoIsTenDigitsAndRestartsPerDate() {
        OdnoSequence s = new OdnoSequence(Markets.DAY);
        assertThat(s.next(Markets.DAY)).isEqualTo("0000000001");
        assertThat(s.next(Markets.DAY)).isEqualTo("0000000002");
        assertThat(s.next(Markets.DAY.plusDays(1))).isEqualTo("0000000001");
        assertThat(OdnoSequence.format(1_234_567_890L)).isEqualTo("1234567890");
    }

    @Test
    void messagesDifferPerEnvironment() {
        assertThat(KisMessages.MARKET_CLOSED.code(KisEnv.REAL)).isEqualTo("APBK0918");
        assertThat(KisMessages.MARKET_CLOSED.code(KisEnv.PAPER)).matches("\\d{8}");
        for (KisMessages k : KisMessages.values()) {
            assertThat(k.code(KisEnv.REAL)).matches("(APBK|OPSQ)\\d{4}");
            assertThat(k.code(KisEnv.PAPER)).matches("\\d{8}|OPSQ\\d{4}");
            assertThat(k.message(KisEnv.REAL)).isNotBlank();
            assertThat(k.message(KisEnv.PAPER)).isNotBlank();
        }
    }
}
