package io.execctl.kis;

import io.execctl.config.TrIdSet;
import io.execctl.domain.KisEnv;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The TR id table: operation × environment × generation (REFERENCE §3.1, §4, §5.1, §6.1, §7). KIS
 * renames codes from time to time, so both generations are kept and {@link TrIdSet} selects one.
 * Paper does not offer the cancellable-orders inquiry ({@code 90000000}); that cell is empty.
 */
public final class TrIds {

    /** What a TR id selects. */
    public enum Tr {
        ORDER_BUY,
        ORDER_SELL,
        ORDER_RVSECNCL,
        INQUIRE_PSBL_RVSECNCL,
        DAILY_CCLD_RECENT,
        DAILY_CCLD_OLD,
        BALANCE
    }

    private record Cell(String realNew, String realOld, String paperNew, String paperOld) {}

    private static final Map<Tr, Cell> TABLE = new EnumMap<>(Tr.class);

    static {
        TABLE.put(Tr.ORDER_BUY, new Cell("TTTC0012U", "TTTC0802U", "VTTC0012U", "VTTC0802U"));
        TABLE.put(Tr.ORDER_SELL, new Cell("TTTC0011U", "TTTC0801U", "VTTC0011U", "VTTC0801U"));
        TABLE.put(Tr.ORDER_RVSECNCL, new Cell("TTTC0013U", "TTTC0803U", "VTTC0013U", "VTTC0803U"));
        TABLE.put(Tr.INQUIRE_PSBL_RVSECNCL, new Cell("TTTC0084R", "TTTC8036R", null, null));
        TABLE.put(Tr.DAILY_CCLD_RECENT, new Cell("TTTC0081R", "TTTC8001R", "VTTC0081R", "VTTC8001R"));
        TABLE.put(Tr.DAILY_CCLD_OLD, new Cell("CTSC9215R", "CTSC9115R", "VTSC9215R", "VTSC9115R"));
        TABLE.put(Tr.BALANCE, new Cell("TTTC8434R", "TTTC8434R", "VTTC8434R", "VTTC8434R"));
    }

    private final KisEnv env;
    private final TrIdSet set;

    public TrIds(KisEnv env, TrIdSet set) {
        this.env = Objects.requireNonNull(env, "env");
        this.set = Objects.requireNonNull(set, "set");
    }

    /** The TR id, or empty where KIS does not offer the operation in this environment. */
    public static Optional<String> find(Tr tr, KisEnv env, TrIdSet set) {
        Cell c = TABLE.get(tr);
        String id =
                switch (env) {
                    case REAL -> set == TrIdSet.NEW ? c.realNew : c.realOld;
                    case PAPER -> set == TrIdSet.NEW ? c.paperNew : c.paperOld;
                };
        return Optional.ofNullable(id);
    }

    /** The TR id for this client's environment and set; throws when KIS does not offer it there. */
    public String of(Tr tr) {
        return find(tr, env, set)
                .orElseThrow(
                        () -> new IllegalStateException(tr + " is not offered on the " + env.key() + " environment"));
    }

    public boolean offered(Tr tr) {
        return find(tr, env, set).isPresent();
    }

    public TrIdSet set() {
        return set;
    }
}
