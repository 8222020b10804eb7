package io.execctl.store;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.IntentStatus;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an order chain means for its intent ({@link OrderChains#statusOf}), pure. */
class OrderChainsTest {
    private final Order root = Samples.submitted(Samples.nextKey(), UUID.randomUUID());

    private static Order revision(Order of, long qty, long filled, OrderStatus status, long open) {
        OrderKey k = Samples.nextKey();
        return new Order(
                k,
                null,
                null,
                of.branch(),
                of.key().odno(),
                of.symbol(),
                of.side(),
                of.orderType(),
                qty,
                of.limitPrice(),
                filled,
                open,
                null,
                BrokerStatus.ACCEPTED,
                status,
                OrderSource.REVISION,
                null,
                of.submittedTs(),
                of.updatedTs());
    }

    @Test
    void aSingleOrderMapsAsBefore() {
        assertThat(OrderChains.statusOf(List.of(root))).isEqualTo(IntentStatus.SUBMITTED);
        assertThat(OrderChains.statusOf(List.of(
                        Samples.withProgress(root, 10, BrokerStatus.ACCEPTED, OrderStatus.FILLED, root.updatedTs()))))
                .isEqualTo(IntentStatus.FILLED);
        assertThat(OrderChains.statusOf(List.of(Samples.withProgress(
                        root, 4, BrokerStatus.CANCELLED, OrderStatus.CANCELLED_PARTIAL, root.updatedTs()))))
                .isEqualTo(IntentStatus.CANCELLED);
        assertThat(OrderChains.statusOf(List.of(
                        Samples.withProgress(root, 0, BrokerStatus.REJECTED, OrderStatus.REJECTED, root.updatedTs()))))
                .isEqualTo(IntentStatus.REJECTED);
    }

    @Test
    void aModifiedOrderIsNotDoneWhileItsModifyMayStillFillAndFilledOverTheChain() {
        Order moved =
                Samples.withProgress(root, 3, BrokerStatus.CANCELLED, OrderStatus.CANCELLED_PARTIAL, root.updatedTs());
        Order modifyOpen = revision(root, 7, 0, OrderStatus.SUBMITTED, 7);
        Order modifyFilled = revision(root, 7, 7, OrderStatus.FILLED, 0);
        Order modifyCancelled = revision(root, 7, 2, OrderStatus.CANCELLED_PARTIAL, 0);

        assertThat(OrderChains.statusOf(List.of(moved, modifyOpen))).isEqualTo(IntentStatus.SUBMITTED);
        assertThat(OrderChains.statusOf(List.of(moved, modifyFilled))).isEqualTo(IntentStatus.FILLED);
        assertThat(OrderChains.statusOf(List.of(moved, modifyCancelled))).isEqualTo(IntentStatus.CANCELLED);
    }

    @Test
    void aCancelRowRecordedBeforeItsConfirmationDoesNotKeepTheIntentOpenButAnUnknownMemberDoes() {
        Order filledPart =
                Samples.withProgress(root, 6, BrokerStatus.CANCELLED, OrderStatus.CANCELLED_PARTIAL, root.updatedTs());
        Order cancelRow = revision(root, 4, 0, OrderStatus.SUBMITTED, 0);
        Order unknown = revision(root, 4, 0, OrderStatus.UNKNOWN, 4);

        assertThat(OrderChains.statusOf(List.of(filledPart, cancelRow))).isEqualTo(IntentStatus.CANCELLED);
        assertThat(OrderChains.statusOf(List.of(filledPart, unknown))).isEqualTo(IntentStatus.UNKNOWN);
        assertThatThrownBy(() -> OrderChains.statusOf(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
