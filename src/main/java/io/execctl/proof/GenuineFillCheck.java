package io.execctl.proof;

import io.execctl.proof.DbFacts.DbFill;
import io.execctl.proof.DbFacts.DbOrder;
import io.execctl.proof.Violation.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * No genuine fill voided: the sums can agree after a real execution's fill was voided and the gap
 * filled by an INFERRED row, and that loses the execution's own price and time. A voided fill is
 * genuine when its quantity and price match one of the broker's executions of the order that no live
 * non-inferred fill accounts for (a voided duplicate matches an execution its live twin already
 * accounts for, so it is not flagged). A pure function of its inputs.
 */
public final class GenuineFillCheck {
    private GenuineFillCheck() {}

    public static List<Violation> check(BrokerLedger ledger, DbFacts db) {
        Map<String, BrokerLedger.Order> broker = new HashMap<>();
        ledger.orders().forEach(o -> broker.put(o.key(), o));
        Map<String, List<DbFill>> fills = new HashMap<>();
        db.fills().forEach(f -> fills.computeIfAbsent(f.orderId(), k -> new ArrayList<>())
                .add(f));
        List<Violation> out = new ArrayList<>();
        for (DbOrder o : db.orders()) {
            BrokerLedger.Order b = broker.get(o.key());
            List<DbFill> fs = fills.getOrDefault(o.orderId(), List.of());
            if (b == null || fs.stream().noneMatch(DbFill::voided)) {
                continue;
            }
            List<String> unmatched = new ArrayList<>();
            b.executions()
                    .forEach(e -> unmatched.add(
                            shape(e.qty(), e.price().stripTrailingZeros().toPlainString())));
            for (DbFill f : fs) {
                if (!f.voided() && !"INFERRED".equals(f.source())) {
                    unmatched.remove(
                            shape(f.qty(), f.price().stripTrailingZeros().toPlainString()));
                }
            }
            for (DbFill f : fs) {
                if (f.voided()
                        && unmatched.remove(
                                shape(f.qty(), f.price().stripTrailingZeros().toPlainString()))) {
                    List<String> rows = new ArrayList<>(List.of(b.toString(), o.toString()));
                    fs.forEach(x -> rows.add(x.toString()));
                    out.add(new Violation(
                            Rule.GENUINE_FILL_VOIDED,
                            "order " + o.orderId() + ": voided fill " + f.fillId()
                                    + " is a broker execution no live fill accounts for",
                            rows));
                }
            }
        }
        return out;
    }

    private static String shape(long qty, String price) {
        return qty + "@" + price;
    }
}
