package io.execctl.store;

import io.execctl.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsTest {
    private static final List<String> EXECUTION_TABLES = List.of(
            "orders",
            "fills",
            "holdings",
            "kis_tokens",
            "sync_cursors",
            "broker_messages",
            "outbox",
            "parked_notices",
            "submissions");

    @Test
    void emptyDatabaseGetsEverythingAndSecondRunAppliesNothing() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Migrations.Report first = Migrations.migrate(db.dataSource(), true);
            assertThat(first.changedAnything()).isTrue();
            assertThat(first.applied())
                    .anyMatch(s -> s.startsWith("trade 1 "))
                    .anyMatch(s -> s.startsWith("trade 2 "))
                    .anyMatch(s -> s.startsWith("contract 1 "));
            assertThat(first.tradeVersion()).isEqualTo("4");
            assertThat(first.contractVersion()).isEqualTo("1");
            assertThat(tables(db)).containsAll(EXECUTION_TABLES).contains("order_intents", "positions");
            assertThat(names(db, "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))
                    .contains("outbox_notify_after_insert", "order_intents_notify_after_insert");
            assertThat(names(db, "SELECT indexname FROM pg_indexes WHERE schemaname = 'trade'"))
                    .contains("orders_position_idx", "orders_open_idx", "fills_order_ts_idx", "outbox_unpublished_idx");

            Migrations.Report second = Migrations.migrate(db.dataSource(), true);
            assertThat(second.changedAnything()).isFalse();
            assertThat(second.applied()).isEmpty();
            assertThat(second.tradeVersion()).isEqualTo("4");
        }
    }

    @Test
    void contractTablesOnlyWithTheFlagAndAddableLater() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Migrations.Report plain = Migrations.migrate(db.dataSource(), false);
            assertThat(plain.contractVersion()).isNull();
            assertThat(tables(db)).containsAll(EXECUTION_TABLES).doesNotContain("order_intents", "positions");
            assertThat(names(db, "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))
                    .doesNotContain("order_intents_notify_after_insert");

            Migrations.Report later = Migrations.migrate(db.dataSource(), true);
            assertThat(later.applied()).containsExactly("contract 1 order intents positions");
            assertThat(tables(db)).contains("order_intents", "positions");
        }
    }

    private static List<String> tables(TestDatabase db) throws SQLException {
        return names(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'trade'");
    }

    private static List<String> names(TestDatabase db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
