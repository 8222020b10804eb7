package io.execctl.proof;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The simulator's ledger as {@code GET /sim/ledger} renders it: our own model of the wire shape, so the
 * check cannot share a bug with the simulator's code. Every field is required (an absent one is an
 * error, never 0); unknown fields are ignored so the simulator may add some.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BrokerLedger(
        @JsonProperty(value = "account", required = true) String account,
        @JsonProperty(value = "cash", required = true) BigDecimal cash,
        @JsonProperty(value = "orders", required = true) List<Order> orders,
        @JsonProperty(value = "holdings", required = true) List<Holding> holdings) {

    public BrokerLedger {
        Objects.requireNonNull(account, "account");
        orders = List.copyOf(Objects.requireNonNull(orders, "orders"));
        holdings = List.copyOf(Objects.requireNonNull(holdings, "holdings"));
    }

    /** One broker order row; cancel and modify requests are rows of their own with {@code origOdno}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Order(
            @JsonProperty(value = "order_date", required = true)
            String orderDate,

            @JsonProperty(value = "branch", required = true) String branch,
            @JsonProperty(value = "odno", required = true) String odno,

            @JsonProperty(value = "orig_odno", required = true)
            String origOdno,

            @JsonProperty(value = "symbol", required = true) String symbol,
            @JsonProperty(value = "side", required = true) String side,

            @JsonProperty(value = "ord_dvsn", required = true)
            String ordDvsn,

            @JsonProperty(value = "qty", required = true) long qty,
            @JsonProperty(value = "price", required = true) BigDecimal price,
            @JsonProperty(value = "status", required = true) String status,

            @JsonProperty(value = "filled_qty", required = true)
            long filledQty,

            @JsonProperty(value = "cancelled_qty", required = true)
            long cancelledQty,

            @JsonProperty(value = "source", required = true) String source,

            @JsonProperty(value = "executions", required = true)
            List<Execution> executions) {

        public Order {
            Objects.requireNonNull(orderDate, "order_date");
            Objects.requireNonNull(odno, "odno");
            origOdno = origOdno == null ? "" : origOdno;
            Objects.requireNonNull(status, "status");
            executions = List.copyOf(Objects.requireNonNull(executions, "executions"));
        }

        /** A cancel or modify request of another order. */
        public boolean isRevision() {
            return !origOdno.isBlank() && !origOdno.matches("0+");
        }

        /** The executed amount: the sum of the executions' quantity × price (exact). */
        public BigDecimal executedAmount() {
            BigDecimal sum = BigDecimal.ZERO;
            for (Execution e : executions) {
                sum = sum.add(e.price().multiply(BigDecimal.valueOf(e.qty())));
            }
            return sum;
        }

        /** Nothing can execute any more. */
        public boolean isFinal() {
            return !"OPEN".equals(status);
        }

        /** {@code yyyyMMdd/odno}: the broker's identity of the order within the account. */
        public String key() {
            return orderDate + "/" + odno;
        }

        @Override
        public String toString() {
            return "broker order " + key() + " " + side + " " + qty + " " + symbol + " ord_dvsn " + ordDvsn
                    + " status " + status + " filled " + filledQty + " source " + source
                    + (isRevision() ? " orig " + origOdno : "");
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Execution(
            @JsonProperty(value = "qty", required = true) long qty,
            @JsonProperty(value = "price", required = true) BigDecimal price,
            @JsonProperty(value = "time", required = true) String time) {
        public Execution {
            Objects.requireNonNull(price, "price");
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Holding(
            @JsonProperty(value = "symbol", required = true) String symbol,
            @JsonProperty(value = "qty", required = true) long qty,

            @JsonProperty(value = "avg_price", required = true)
            BigDecimal avgPrice) {
        public Holding {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(avgPrice, "avg_price");
        }
    }
}
