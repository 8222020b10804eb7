package io.execctl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * The chaos day's closing lines about the intents: how many ended in each status, and every FAILED
 * one by name with why. A FAILED intent is terminal (issue 12's one-resend rule allows it), but a
 * valid one that was never placed is worth a look every time.
 */
final class ChaosIntentLines {
    private ChaosIntentLines() {}

    static List<String> of(Jdbi jdbi) {
        List<String> lines = new ArrayList<>();
        jdbi.useHandle(h -> {
            Map<String, Long> statuses = new TreeMap<>();
            h.createQuery("SELECT status, count(*) AS n FROM trade.order_intents GROUP BY status")
                    .map((rs, ctx) -> statuses.put(rs.getString("status"), rs.getLong("n")))
                    .list();
            lines.add("intents by status " + statuses);
            h.createQuery("""
                            SELECT i.intent_id, o.reason_code, s.error
                              FROM trade.order_intents i
                              LEFT JOIN trade.intent_outcomes o ON o.intent_id = i.intent_id
                              LEFT JOIN trade.submissions s ON s.intent_id = i.intent_id
                             WHERE i.status = 'FAILED' ORDER BY i.updated_ts""")
                    .map((rs, ctx) -> "FAILED intent " + rs.getString("intent_id") + ": " + rs.getString("reason_code")
                            + " (" + rs.getString("error") + ")")
                    .forEach(lines::add);
        });
        return lines;
    }
}
