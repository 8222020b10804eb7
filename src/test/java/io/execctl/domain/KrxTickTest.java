package io.execctl.domain;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KrxTickTest {

    @ParameterizedTest
    @CsvSource({
        "1,1",
        "1999,1",
        "2000,5",
        "4999,5",
        "5000,10",
        "19999,10",
        "20000,50",
        "49999,50",
        "50000,100",
        "199999,100",
        "200000,500",
        "499999,500",
        "500000,1000",
        "3000000,1000"
    })
    void tickSizeFollowsTheKrxTable(long price, long tick) {
        assertThat(KrxTick.tickSize(price)).isEqualTo(tick);
    }

    @ParameterizedTest
    @CsvSource({
        "72000,true",
        "72050,false",
        "49950,true",
        "49975,false",
        "1999,true",
        "2003,false",
        "2005,true",
        "510000,true",
        "510500,false",
        "0,false",
        "-100,false",
        "72000.00,true",
        "72000.5,false"
    })
    void gridMembership(String price, boolean onGrid) {
        assertThat(KrxTick.isOnGrid(new BigDecimal(price))).isEqualTo(onGrid);
    }

    @Test
    void nullIsNotOnTheGrid() {
        assertThat(KrxTick.isOnGrid(null)).isFalse();
    }

    @ParameterizedTest(name = "{0}: up {1}, down {2}, floor {3}, ceil {4}")
    @CsvSource({
        // price,  up,     down,   floor,  ceil
        "49950,    50000,  49900,  49950,  49950",
        "50000,    50100,  49950,  50000,  50000",
        "20000,    20050,  19990,  20000,  20000",
        "199900,   200000, 199800, 199900, 199900",
        "1,        2,      1,      1,      1",
        "72050,    ,       ,       72000,  72100", // off the grid: rounding only
        "49990,    ,       ,       49950,  50000",
        "1999,     2000,   1998,   1999,   1999",
        "2003,     ,       ,       2000,   2005"
    })
    void stepsAndRoundingAcrossBandBoundaries(long price, Long up, Long down, long floor, long ceil) {
        assertThat(KrxTick.isOnGrid(BigDecimal.valueOf(price))).isEqualTo(up != null);
        if (up != null) {
            assertThat(KrxTick.up(price)).isEqualTo(up);
            assertThat(KrxTick.down(price)).isEqualTo(down);
        }
        assertThat(KrxTick.floorToGrid(price)).isEqualTo(floor);
        assertThat(KrxTick.ceilToGrid(price)).isEqualTo(ceil);
    }

    @Test
    void everyStepLandsOnTheGrid() {
        long p = 1;
        while (p < 2_000_000) {
            assertThat(KrxTick.isOnGrid(BigDecimal.valueOf(p)))
                    .as("price %d", p)
                    .isTrue();
            long next = KrxTick.up(p);
            assertThat(KrxTick.down(next)).as("down(up(%d))", p).isEqualTo(p);
            p = next;
        }
    }

    @Test
    void negativePriceHasNoTick() {
        assertThatThrownBy(() -> KrxTick.tickSize(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
