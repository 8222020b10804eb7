package io.execctl.engine.notice;

import io.execctl.domain.AccountNo;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.OrderKey;
import io.execctl.kis.ws.ExecutionNoticeEvent;
import io.execctl.kis.ws.NoticeKind;
import java.util.Objects;
import java.util.Optional;

/**
 * Routes a decoded notice to the order it concerns: by (ACNT_NO, Korean date of receipt, ODER_NO),
 * and for a cancel or modify confirmation by OODER_NO to the order it changes. A notice of another
 * account under the same HTS id routes nowhere (one HTS id receives the notices of all its
 * accounts). Pure; the pipeline counts and drops what has no route.
 */
public final class NoticeRouter {
    private final AccountNo account;

    public NoticeRouter(AccountNo account) {
        this.account = Objects.requireNonNull(account, "account");
    }

    /** Why a notice has no route. */
    public enum Unrouted {
        OTHER_ACCOUNT,
        /** A cancel/modify confirmation without a usable OODER_NO. */
        NO_ORIGINAL
    }

    /** The routed command, or why there is none. */
    public record Route(Optional<NoticeCommand> command, Unrouted unrouted) {}

    public Route route(ExecutionNoticeEvent e, long receivedNanos) {
        if (!e.isFor(account)) {
            return new Route(Optional.empty(), Unrouted.OTHER_ACCOUNT);
        }
        NoticeAction action = action(e);
        boolean change = action == NoticeAction.CANCEL_CONFIRMED
                || action == NoticeAction.MODIFY_CONFIRMED
                || action == NoticeAction.CHANGE_REFUSED;
        String target = change ? e.origOrderNo().trim() : e.orderNo();
        if (change && (target.isEmpty() || target.matches("0+") || !target.matches("\\d{1,10}"))) {
            return new Route(Optional.empty(), Unrouted.NO_ORIGINAL);
        }
        OrderKey key = OrderKey.of(account.reveal(), KoreaTime.tradingDate(e.receivedAt()), target);
        return new Route(
                Optional.of(new NoticeCommand(
                        key,
                        action,
                        e.receipt(),
                        e.at(),
                        e.qty(),
                        e.price(),
                        e.orderNo(),
                        e.origOrderNo(),
                        e.symbol(),
                        e.side(),
                        e.ordDvsn(),
                        e.orderQty().orElse(0),
                        e.orderPrice().orElse(null),
                        e.receivedAt(),
                        receivedNanos)),
                null);
    }

    static NoticeAction action(ExecutionNoticeEvent e) {
        boolean change = e.isCancel() || e.isModify();
        if (e.kind() == NoticeKind.FILL) {
            return NoticeAction.FILL;
        }
        if (e.rejected()) {
            return change ? NoticeAction.CHANGE_REFUSED : NoticeAction.REFUSED;
        }
        if (e.isCancel()) {
            return NoticeAction.CANCEL_CONFIRMED;
        }
        if (e.isModify()) {
            return NoticeAction.MODIFY_CONFIRMED;
        }
        if (e.isExchangeCancel()) {
            return NoticeAction.EXCHANGE_CANCELLED;
        }
        return NoticeAction.ACCEPTED;
    }
}
