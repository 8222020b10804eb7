package io.execctl.store;

import io.execctl.domain.Holding;
import io.execctl.testing.DatabaseExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HoldingStoreTest {
    @RegisterExtension
    static final DatabaseExtension DB = DatabaseExtension.migrated();

    private static HoldingStore holdings;

    @BeforeAll
    static void setUp() {
        Jdbi jdbi = DB.jdbi();
        holdings = HoldingStore.of(jdbi);
    }

    private static HoldingStore.Line line(String account, String symbol, long qty, Instant at) {
        return new HoldingStore.Line(
                new Holding(
                        account,
                        symbol,
                        qty,
                        new BigDecimal("70000"),
                        new BigDecimal("71000"),
                        new BigDecimal("10000"),
                        1.43,
                        at),
                "{\"pdno\":\"" + symbol + "\"}");
    }

    @Test
    void snapshotReplacesTheAccountExactlyAndIdempotently() {
        String acc = "11111111-01";
        Instant t = Samples.T0;
        List<HoldingStore.Line> first = List.of(line(acc, "005930", 10, t), line(acc, "000660", 5, t));
        assertThat(holdings.replaceAccount(acc, first)).isEqualTo(new HoldingStore.Replaced(2, 0));
        assertThat(holdings.replaceAccount(acc, first)).isEqualTo(new HoldingStore.Replaced(2, 0));
        assertThat(holdings.findByAccount(acc)).hasSize(2);

        Instant t2 = t.plusSeconds(30);
        holdings.replaceAccount(acc, List.of(line(acc, "005930", 7, t2)));
        assertThat(holdings.findByAccount(acc)).singleElement().satisfies(h -> {
            assertThat(h.symbol()).isEqualTo("005930");
            assertThat(h.qty()).isEqualTo(7);
            assertThat(h.pnlPct()).isEqualTo(1.43);
            assertThat(h.updatedTs()).isEqualTo(t2);
        });
        assertThat(holdings.find(acc, "000660")).isEmpty();

        assertThat(holdings.replaceAccount(acc, List.of())).isEqualTo(new HoldingStore.Replaced(0, 1));
        assertThat(holdings.findByAccount(acc)).isEmpty();
    }

    @Test
    void otherAccountsAreUntouched() {
        holdings.replaceAccount("22222222-01", List.of(line("22222222-01", "005930", 1, Samples.T0)));
        holdings.replaceAccount("33333333-01", List.of());
        assertThat(holdings.findByAccount("22222222-01")).hasSize(1);
    }

    @Test
    void badSnapshotsAreRefusedBeforeWriting() {
        String acc = "44444444-01";
        holdings.replaceAccount(acc, List.of(line(acc, "005930", 1, Samples.T0)));
        assertThatThrownBy(() -> holdings.replaceAccount(
                        acc, List.of(line(acc, "000660", 1, Samples.T0), line(acc, "000660", 2, Samples.T0))))
                .hasMessageContaining("appears twice");
        assertThatThrownBy(() -> holdings.replaceAccount(acc, List.of(line("55555555-01", "000660", 1, Samples.T0))))
                .hasMessageContaining("another account");
        assertThat(holdings.findByAccount(acc)).extracting(Holding::symbol).containsExactly("005930");
    }
}
