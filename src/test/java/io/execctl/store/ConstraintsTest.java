package io.execctl.store;

import io.execctl.testing.DatabaseExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schema itself refuses rows that would break the invariants, whoever writes them. */
class ConstraintsTest {
    private static final String GOOD_ORDER = "INSERT INTO trade.orders (order_id, intent_id, account_id, order_date, "
            + "branch_no, kis_order_no, symbol, side, order_type, qty, filled_qty, open_qty, broker_status, status, "
            + "source, submitted_ts, updated_ts) VALUES ";
    private static final String ACCOUNT = "'12345678-01'";

    @RegisterExtension
    static final DatabaseExtension DB = DatabaseExtension.migrated();

    /** The SQL of the order id of ODNO {@code odno} on 2026-01-13 (the account's tag computed in SQL). */
    private static String id(String odno) {
        return "'20260113-" + odno + "-' || trade.account_tag(" + ACCOUNT + ")";
    }

    @BeforeAll
    static void setUp() throws SQLException {
        exec(GOOD_ORDER + "(" + id("0000000001") + ", gen_random_uuid(), " + ACCOUNT
                + ", '2026-01-13', '06010', '0000000001', "
                + "'005930', 'BUY', 'LMT', 10, 0, 10, 'ACCEPTED', 'SUBMITTED', 'INTENT', now(), now())");
    }

    private static void exec(String sql) throws SQLException {
        try (Connection c = DB.database().connect();
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String order(
            String odno,
            String intent,
            String side,
            String type,
            String qty,
            String filled,
            String open,
            String status,
            String source) {
        return GOOD_ORDER + "(" + id(odno) + ", " + intent + ", " + ACCOUNT + ", '2026-01-13', '06010', '" + odno
                + "', '005930', '" + side + "', '" + type + "', " + qty + ", " + filled + ", " + open
                + ", 'ACCEPTED', '"
                + status + "', '" + source + "', now(), now())";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "orders_qty_balance|0000000002|gen_random_uuid()|BUY|LMT|10|6|5|PARTIAL|INTENT",
                "orders_qty_nonneg|0000000003|gen_random_uuid()|BUY|LMT|10|-1|0|SUBMITTED|INTENT",
                "orders_status|0000000004|gen_random_uuid()|BUY|LMT|10|0|10|PARTIAL_FILLED|INTENT",
                "orders_side|0000000005|gen_random_uuid()|HOLD|LMT|10|0|10|SUBMITTED|INTENT",
                "orders_order_type|0000000006|gen_random_uuid()|BUY|STOP|10|0|10|SUBMITTED|INTENT",
                "orders_intent_unless_external|0000000007|NULL|BUY|LMT|10|0|10|SUBMITTED|INTENT",
                "orders_source|0000000008|gen_random_uuid()|BUY|LMT|10|0|10|SUBMITTED|MANUAL",
                "orders_kis_order_no_format|12345|gen_random_uuid()|BUY|LMT|10|0|10|SUBMITTED|INTENT",
                "orders_qty_balance|0000000012|gen_random_uuid()|BUY|LMT|10|12|0|FILLED|INTENT",
            })
    void badOrdersAreRefused(
            String constraint,
            String odno,
            String intent,
            String side,
            String type,
            String qty,
            String filled,
            String open,
            String status,
            String source) {
        assertThatThrownBy(() -> exec(order(odno, intent, side, type, qty, filled, open, status, source)))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(constraint);
    }

    @Test
    void orderIdMustBeDateOdnoAndAccountTagAndTheBrokerKeyUnique() throws SQLException {
        // The old form with the branch, or another day's date, is refused.
        assertThatThrownBy(() -> exec(GOOD_ORDER + "('20260113-06010-0000000009', gen_random_uuid(), " + ACCOUNT
                        + ", '2026-01-13', '06010', '0000000009', '005930', 'BUY', 'LMT', 10, 0, 10, 'ACCEPTED', "
                        + "'SUBMITTED', 'INTENT', now(), now())"))
                .hasMessageContaining("orders_order_id_is_key");
        assertThatThrownBy(() -> exec(GOOD_ORDER + "(" + id("0000000009").replace("20260113", "20260114")
                        + ", gen_random_uuid(), " + ACCOUNT + ", '2026-01-13', '06010', '0000000009', '005930', 'BUY', "
                        + "'LMT', 10, 0, 10, 'ACCEPTED', 'SUBMITTED', 'INTENT', now(), now())"))
                .hasMessageContaining("orders_order_id_is_key");
        // Same account, date and ODNO under another branch: still one broker order.
        assertThatThrownBy(() -> exec(GOOD_ORDER + "(" + id("0000000001") + ", gen_random_uuid(), " + ACCOUNT
                        + ", '2026-01-13', '06011', '0000000001', '005930', 'BUY', 'LMT', 10, 0, 10, 'ACCEPTED', "
                        + "'SUBMITTED', 'INTENT', now(), now())"))
                .hasMessageContaining("orders_pkey");
        assertThatThrownBy(
                        () -> exec(
                                GOOD_ORDER + "('x', gen_random_uuid(), 'a', '2026-01-13', '06010', "
                                        + "'0000000011', '005930', 'BUY', 'LMT', 10, 0, 10, 'ACCEPTED', 'SUBMITTED', 'INTENT', now(), now())"))
                .hasMessageContaining("orders_account_id_format");
        assertThatCode(() -> exec(order("0000000010", "NULL", "SELL", "MKT", "5", "0", "5", "SUBMITTED", "EXTERNAL")))
                .doesNotThrowAnyException();
    }

    @Test
    void anOverFilledOrderIsStorableOnlyAsError() {
        assertThatCode(() -> exec(
                        order("0000000020", "gen_random_uuid()", "BUY", "LMT", "10", "12", "0", "ERROR", "INTENT")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> exec(
                        order("0000000021", "gen_random_uuid()", "BUY", "LMT", "10", "12", "0", "FILLED", "INTENT")))
                .hasMessageContaining("orders_qty_balance");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "fills_qty_positive|0|72000|0|WS|c/1/0|false|NULL",
                "fills_price_nonneg|1|-1|1|INFERRED|NULL|false|NULL",
                "fills_amount_nonneg|1|0|-1|INFERRED|NULL|false|NULL",
                "fills_ws_has_receipt|1|72000|72000|WS|NULL|false|NULL",
                "fills_ws_amount_exact|2|72000|72000|WS|c/2/0|false|NULL",
                "fills_source|1|72000|72000|FIX|NULL|false|NULL",
                "fills_void_consistent|1|72000|72000|WS|c/3/0|true|NULL",
            })
    void badFillsAreRefused(
            String constraint,
            String qty,
            String price,
            String amount,
            String source,
            String receipt,
            String voided,
            String voidedTs) {
        assertThatThrownBy(() -> exec("INSERT INTO trade.fills (fill_id, order_id, ts, qty, price, amount, source, "
                        + "receipt, voided, voided_ts) VALUES (gen_random_uuid(), " + id("0000000001") + ", now(), "
                        + qty + ", " + price + ", " + amount + ", '" + source + "', "
                        + ("NULL".equals(receipt) ? "NULL" : "'" + receipt + "'") + ", " + voided + ", "
                        + voidedTs + ")"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(constraint);
    }

    @Test
    void aReceiptIsOneFillPerOrderWhateverItsId() throws SQLException {
        String fill = "INSERT INTO trade.fills (fill_id, order_id, ts, qty, price, amount, source, receipt) VALUES "
                + "(gen_random_uuid(), " + id("0000000001") + ", now(), 2, 72000, 144000, 'WS', 'c/9/0')";
        exec(fill);
        assertThatThrownBy(() -> exec(fill)).hasMessageContaining("fills_order_receipt");
        assertThatCode(() -> exec(fill.replace("c/9/0", "c/9/1"))).doesNotThrowAnyException();
    }

    @Test
    void badSupportRowsAreRefused() {
        assertThatThrownBy(() -> exec("INSERT INTO trade.holdings (account_id, symbol, qty, avg_price, updated_ts) "
                        + "VALUES ('a', '005930', -1, 1, now())"))
                .hasMessageContaining("holdings_qty_nonneg");
        assertThatThrownBy(
                        () -> exec("INSERT INTO trade.broker_messages (received_ts, channel, payload, parse_outcome) "
                                + "VALUES (now(), 'WS', 'x', 'ERROR')"))
                .hasMessageContaining("broker_messages_error_explained");
        assertThatThrownBy(
                        () -> exec(
                                "INSERT INTO trade.submissions (intent_id, state, claimed_by, claimed_ts, send_deadline, "
                                        + "first_sent_ts, sent_ts, trading_date, attempts, updated_ts) VALUES "
                                        + "(gen_random_uuid(), 'ACCEPTED', 'p', now(), now(), now(), now(), current_date, 1, now())"))
                .hasMessageContaining("submissions_accepted_has_order");
        assertThatThrownBy(() -> exec("INSERT INTO trade.kis_tokens (env, app_key_fp, kind, value) "
                        + "VALUES ('REAL', 'fp', 'ACCESS', 'tok')"))
                .hasMessageContaining("kis_tokens_value_dated");
        assertThatThrownBy(() -> exec("INSERT INTO trade.outbox (event_type, aggregate_id, payload) "
                        + "VALUES ('order status', 'x', '{}')"))
                .hasMessageContaining("outbox_event_type_format");
    }

    @Test
    void contractTablesTakeRowsExecctlMustReject() {
        // No CHECKs beyond the contract's shape: a malformed intent is stored and later rejected with a reason.
        assertThatCode(
                        () -> exec(
                                "INSERT INTO trade.order_intents (intent_id, symbol, intent_type, qty, order_type, "
                                        + "reason_code, action_key) VALUES (gen_random_uuid(), 'BAD', 'BUY_NOW', -3, 'STOP', 'r', 'k1')"))
                .doesNotThrowAnyException();
    }
}
