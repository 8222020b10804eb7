package io.execctl.kis;

import io.execctl.config.TrIdSet;
import io.execctl.domain.KisEnv;
import io.execctl.kis.TrIds.Tr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every cell of the TR id table against REFERENCE §3.1, §4, §5.1, §6.1, §7. */
class TrIdsTest {

    @ParameterizedTest(name = "{0} {1} {2} = {3}")
    @CsvSource({
        "ORDER_BUY, REAL, NEW, TTTC0012U",
        "ORDER_BUY, REAL, OLD, TTTC0802U",
        "ORDER_BUY, PAPER, NEW, VTTC0012U",
        "ORDER_BUY, PAPER, OLD, VTTC0802U",
        "ORDER_SELL, REAL, NEW, TTTC0011U",
        "ORDER_SELL, REAL, OLD, TTTC0801U",
        "ORDER_SELL, PAPER, NEW, VTTC0011U",
        "ORDER_SELL, PAPER, OLD, VTTC0801U",
        "ORDER_RVSECNCL, REAL, NEW, TTTC0013U",
        "ORDER_RVSECNCL, REAL, OLD, TTTC0803U",
        "ORDER_RVSECNCL, PAPER, NEW, VTTC0013U",
        "ORDER_RVSECNCL, PAPER, OLD, VTTC0803U",
        "INQUIRE_PSBL_RVSECNCL, REAL, NEW, TTTC0084R",
        "INQUIRE_PSBL_RVSECNCL, REAL, OLD, TTTC8036R",
        "DAILY_CCLD_RECENT, REAL, NEW, TTTC0081R",
        "DAILY_CCLD_RECENT, REAL, OLD, TTTC8001R",
        "DAILY_CCLD_RECENT, PAPER, NEW, VTTC0081R",
        "DAILY_CCLD_RECENT, PAPER, OLD, VTTC8001R",
        "DAILY_CCLD_OLD, REAL, NEW, CTSC9215R",
        "DAILY_CCLD_OLD, REAL, OLD, CTSC9115R",
        "DAILY_CCLD_OLD, PAPER, NEW, VTSC9215R",
        "DAILY_CCLD_OLD, PAPER, OLD, VTSC9115R",
        "BALANCE, REAL, NEW, TTTC8434R",
        "BALANCE, REAL, OLD, TTTC8434R",
        "BALANCE, PAPER, NEW, VTTC8434R",
        "BALANCE, PAPER, OLD, VTTC8434R",
    })
    void cell(Tr tr, KisEnv env, TrIdSet set, String expected) {
        assertThat(TrIds.find(tr, env, set)).contains(expected);
        assertThat(new TrIds(env, set).of(tr)).isEqualTo(expected);
    }

    @Test
    void cancellableOrdersInquiryIsNotOfferedOnPaper() {
        for (TrIdSet set : TrIdSet.values()) {
            assertThat(TrIds.find(Tr.INQUIRE_PSBL_RVSECNCL, KisEnv.PAPER, set)).isEmpty();
            assertThat(new TrIds(KisEnv.PAPER, set).offered(Tr.INQUIRE_PSBL_RVSECNCL))
                    .isFalse();
            assertThatThrownBy(() -> new TrIds(KisEnv.PAPER, set).of(Tr.INQUIRE_PSBL_RVSECNCL))
                    .hasMessageContaining("not offered on the paper environment");
        }
    }

    @Test
    void paperCodesArePaperCodes() {
        for (Tr tr : Tr.values()) {
            for (TrIdSet set : TrIdSet.values()) {
                TrIds.find(tr, KisEnv.PAPER, set).ifPresent(id -> assertThat(id).startsWith("V"));
                TrIds.find(tr, KisEnv.REAL, set).ifPresent(id -> assertThat(id).doesNotStartWith("V"));
            }
        }
    }

    @Test
    void setParsing() {
        // One enum for configuration and client; unset means the configuration's default (new).
        assertThat(TrIdSet.parse(null)).isEmpty();
        assertThat(TrIdSet.parse(" Old ")).contains(TrIdSet.OLD);
        assertThat(TrIdSet.parse("2024")).isEmpty();
    }
}
