package io.execctl.cli;

import io.execctl.sim.market.OrderRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Two real {@code execctl submit} processes over the same 50 intents: each reaches the broker once. */
class TwoProcessSubmitTest {
    static final Pattern SUBMITTED_LINE =
            Pattern.compile("\"intent_id\":\"([0-9a-f-]+)\"[^}]*\"outcome\":\"SUBMITTED\"");
    static final List<String> SYMBOLS = List.of("005930", "000660", "035420", "051910", "068270");

    @TempDir
    Path dir;

    ExecctlProcesses x;

    @BeforeEach
    void setUp() {
        x = new ExecctlProcesses(dir);
    }

    @AfterEach
    void tearDown() {
        x.close();
    }

    @Test
    void twoProcessesAtOnceSendEachIntentExactlyOnce() throws Exception {
        // One token for both (KIS issues one per minute): a first run stores it in the database.
        assertThat(x.run(null, "submit").code()).isZero();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(x.intent(SYMBOLS.get(i % SYMBOLS.size()), 1 + i));
        }

        Process a = x.start(null, "submit", "--json");
        Process b = x.start(null, "submit", "--json");
        ExecctlProcesses.Run ra = x.await(a);
        ExecctlProcesses.Run rb = x.await(b);

        assertThat(ra.code()).as(ra.err()).isZero();
        assertThat(rb.code()).as(rb.err()).isZero();
        List<OrderRecord> orders = x.brokerOrders();
        assertThat(orders).hasSize(50);
        // quantities 1..50 are distinct: one broker order per intent
        Set<Long> qtys = orders.stream().map(OrderRecord::qty).collect(Collectors.toSet());
        assertThat(qtys).hasSize(50);
        for (UUID id : ids) {
            assertThat(x.intentStatus(id)).isEqualTo("SUBMITTED");
            assertThat(x.ordersRows(id)).isEqualTo(1);
        }
        // Every intent is reported SUBMITTED by at least one of the two (a process's resolver may
        // report an order the other one sent, so the lines are counted by intent, not added up).
        Set<String> submitted = new HashSet<>();
        Matcher m = SUBMITTED_LINE.matcher(ra.out() + rb.out());
        while (m.find()) {
            submitted.add(m.group(1));
        }
        assertThat(submitted).hasSize(50);
    }
}
