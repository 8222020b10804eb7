package io.execctl.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The spellings the domain enums accept, as tables: KIS codes (side, ORD_DVSN), the configuration's
 * environment aliases, and the database/intent names of every status enum (exact name, blanks
 * ignored, anything else empty).
 */
class EnumParsingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"01, SELL", "02, BUY"})
    void sideFromKisCode(String code, Side side) {
        assertThat(Side.fromKisCode(code)).isEqualTo(side);
        assertThat(side.kisCode()).isEqualTo(code);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "1", "2", "00", "03", " 01", "BUY"})
    @NullSource
    void unknownSideCodeIsRefusedNamingIt(String code) {
        assertThatThrownBy(() -> Side.fromKisCode(code))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + code + "'");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // ERRATA: 00 is limit (지정가), 01 market (시장가) — the reverse of the design document.
        "00, LMT",
        "01, MKT",
        "02, ",
        "05, ",
        "'', ",
        "1, "
    })
    void orderTypeFromOrdDvsn(String code, OrderType expected) {
        assertThat(OrderType.fromOrdDvsn(code)).isEqualTo(Optional.ofNullable(expected));
        if (expected != null) {
            assertThat(expected.ordDvsn()).isEqualTo(code);
        }
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource({
        "real,    REAL",
        "REAL,    REAL",
        "' Real ', REAL",
        "prod,    REAL",
        "paper,   PAPER",
        "vps,     PAPER",
        "demo,    PAPER",
        "PAPER,   PAPER",
        "live,    ",
        "'',      ",
        "test,    "
    })
    void kisEnvironmentSpellings(String text, KisEnv expected) {
        assertThat(KisEnv.parse(text)).isEqualTo(Optional.ofNullable(expected));
        if (expected != null) {
            assertThat(KisEnv.parse(expected.key())).contains(expected);
        }
    }

    static Stream<Arguments> statusEnums() {
        return Stream.of(
                Arguments.of(OrderType.class, (Function<String, Optional<?>>) OrderType::parse),
                Arguments.of(IntentType.class, (Function<String, Optional<?>>) IntentType::parse),
                Arguments.of(IntentStatus.class, (Function<String, Optional<?>>) IntentStatus::parse),
                Arguments.of(OrderStatus.class, (Function<String, Optional<?>>) OrderStatus::parse),
                Arguments.of(BrokerStatus.class, (Function<String, Optional<?>>) BrokerStatus::parse));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statusEnums")
    void everyConstantRoundTripsByNameAndNothingElseParses(
            Class<? extends Enum<?>> type, Function<String, Optional<?>> parse) {
        for (Enum<?> e : type.getEnumConstants()) {
            assertThat(parse.apply(e.name())).isEqualTo(Optional.of(e));
            assertThat(parse.apply("  " + e.name() + "\t")).isEqualTo(Optional.of(e));
            // Names are exact: the database and the strategies write upper case.
            if (!e.name().toLowerCase(Locale.ROOT).equals(e.name())) {
                assertThat(parse.apply(e.name().toLowerCase(Locale.ROOT))).isEmpty();
            }
        }
        assertThat(parse.apply(null)).isEmpty();
        assertThat(parse.apply("")).isEmpty();
        assertThat(parse.apply("NOPE")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"ENTRY, BUY", "EXIT_PARTIAL, SELL", "EXIT_FULL, SELL"})
    void intentTypeDecidesTheSide(IntentType type, Side side) {
        assertThat(type.side()).isEqualTo(side);
    }
}
