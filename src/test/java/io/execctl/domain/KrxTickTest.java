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

    @Test
    void stepsAcrossBandBoundaries() {
        assertThat(KrxTick.up(49_950)).isEqualTo(50_000);
        assertThat(KrxTick.down(50_000)).isEqualTo(49_950);
        assertThat(KrxTick.down(20_000)).isEqualTo(19_990);
        assertThat(KrxTick.up(199_900)).isEqualTo(200_000);
        assertThat(KrxTick.down(1)).isEqualTo(1);
        assertThat(KrxTick.floorToGrid(72_050)).isEqualTo(72_000);
        assertThat(KrxTick.ceilToGrid(72_050)).isEqualTo(72_100);
        assertThat(KrxTick.ceilToGrid(49_990)).isEqualTo(50_000);
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
