package io.execctl.engine.submit;

import io.execctl.domain.OrderRequest;
import io.execctl.kis.OrderOutcome;
import io.execctl.kis.SendFence;

/** The one broker call submission makes: {@code KisClient::placeCashOrder}. */
@FunctionalInterface
public interface OrderPort {
    OrderOutcome place(OrderRequest request, SendFence fence);
}
