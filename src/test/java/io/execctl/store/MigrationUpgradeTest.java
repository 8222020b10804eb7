package io.execctl.store;

import io.execctl.domain.AccountTag;
import io.execctl.testing.TestDatabase;
import java.math.BigDecimal;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** V3/V4 carry rows written under V2 over: order ids re-derived, fills and parked notices kept. */
class MigrationUpgradeTest {
    @Test
    void rowsWrittenUnderV2SurviveTheUpgrade() {
        try (TestDatabase db = TestDatabase.create()) {
            Flyway.configure()
                    .dataSource(db.dataSource())
                    .schemas(Migrations.SCHEMA)
                    .defaultSchema(Migrations.SCHEMA)
                    .createSchemas(true)
                    .table("flyway_history")
                    .locations("classpath:db/migration/trade")
                    .target("2")
                    .load()
                    .migrate();
            Jdbi jdbi = Db.create(db.dataSource());
            jdbi.useHandle(h -> {
                h.execute("""
                        INSERT INTO trade.orders (order_id, account_id, order_date, branch_no, kis_order_no, symbol, side,
                            order_type, qty, filled_qty, open_qty, broker_status, status, source, submitted_ts, updated_ts)
                        VALUES ('20260113-06010-0000000001', '12345678-01', '2026-01-13', '06010', '0000000001',
                            '005930', 'BUY', 'LMT', 10, 3, 7, 'ACCEPTED', 'PARTIAL', 'EXTERNAL', now(), now())""");
                h.execute("""
                        INSERT INTO trade.fills (fill_id, order_id, ts, qty, price, seq, source)
                        VALUES (gen_random_uuid(), '20260113-06010-0000000001', now(), 3, 72000, 3, 'WS')""");
                h.execute("""
                        INSERT INTO trade.parked_notices (notice_key, payload, received_ts)
                        VALUES ('20260113-0000000002', 'notice', now())""");
            });

            Migrations.migrate(db.dataSource(), false);

            String expectedId = "20260113-0000000001-" + AccountTag.of("12345678-01");
            jdbi.useHandle(h -> {
                assertThat(h.createQuery("SELECT order_id FROM trade.orders")
                                .mapTo(String.class)
                                .one())
                        .isEqualTo(expectedId);
                assertThat(h.createQuery("SELECT order_id || ' ' || receipt FROM trade.fills")
                                .mapTo(String.class)
                                .one())
                        .isEqualTo(expectedId + " pre-v3/3/0");
                assertThat(h.createQuery("SELECT amount FROM trade.fills")
                                .mapTo(BigDecimal.class)
                                .one())
                        .isEqualByComparingTo("216000");
                assertThat(h.createQuery("SELECT connection_id FROM trade.parked_notices")
                                .mapTo(String.class)
                                .one())
                        .isEqualTo("pre-v4");
            });
            assertThat(ParkedNoticeStore.of(jdbi).pending(10)).singleElement().satisfies(n -> assertThat(n.key())
                    .isEmpty());
        }
    }
}
