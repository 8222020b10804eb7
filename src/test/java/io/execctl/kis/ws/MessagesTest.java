package io.execctl.kis.ws;

import io.execctl.domain.AccountNo;
import io.execctl.domain.KisEnv;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.Secret;
import io.execctl.domain.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Subscription frame, control frames, settings and the event's masking. */
class MessagesTest {
    private static final Secret APPROVAL = Secret.of("a1b2c3d4-approval-key-0000000000000");

    @Test
    void subscribeFrameIsExactlyWhatKisExpects() {
        assertThat(SubscriptionRequest.subscribe(APPROVAL, "P", "H0STCNI0", "demo")
                        .toJson())
                .isEqualTo(
                        "{\"header\":{\"approval_key\":\"a1b2c3d4-approval-key-0000000000000\",\"custtype\":\"P\",\"tr_type\":\"1\","
                                + "\"content-type\":\"utf-8\"},\"body\":{\"input\":{\"tr_id\":\"H0STCNI0\",\"tr_key\":\"demo\"}}}");
        assertThat(SubscriptionRequest.unsubscribe(APPROVAL, "P", "H0STCNI9", "demo")
                        .toJson())
                .contains("\"tr_type\":\"2\"")
                .contains("\"tr_id\":\"H0STCNI9\"");
        assertThat(SubscriptionRequest.subscribe(APPROVAL, "P", "H0STCNI0", "demo")
                        .toString())
                .doesNotContain(APPROVAL.reveal())
                .doesNotContain("demo");
    }

    @Test
    void parsesAcksAndErrors() {
        ControlMessage ack =
                ControlMessage.parse(NoticeFixtures.ack("H0STCNI9", "demo", NoticeFixtures.KEY, NoticeFixtures.IV));
        assertThat(ack.isSubscribeAck()).isTrue();
        assertThat(ack.trId()).isEqualTo("H0STCNI9");
        assertThat(ack.trKey()).isEqualTo("demo");
        assertThat(ack.toString()).doesNotContain(NoticeFixtures.KEY).doesNotContain(NoticeFixtures.IV);

        ControlMessage inUse = ControlMessage.parse(NoticeFixtures.IN_USE);
        assertThat(inUse.msgCd()).isEqualTo(ControlMessage.ALREADY_IN_USE);
        assertThat(inUse.isSuccess()).isFalse();
        assertThat(inUse.isKnownCode()).isTrue();
        assertThat(inUse.isInvalidApprovalKey()).isFalse();
        assertThat(inUse.key()).isEmpty();

        assertThat(ControlMessage.parse(NoticeFixtures.pingpong("20261124093000"))
                        .isPingPong())
                .isTrue();
        assertThat(ControlMessage.parse(
                                NoticeFixtures.control("H0STCNI0", "1", "OPSP0011", "invalid approval : NOT FOUND"))
                        .isInvalidApprovalKey())
                .isTrue();
        assertThat(ControlMessage.parse(NoticeFixtures.control("H0STCNI0", "1", "OPSP9999", "SOMETHING"))
                        .isKnownCode())
                .isFalse();
        assertThatThrownBy(() -> ControlMessage.parse("[1,2]")).hasMessageContaining("header");
        assertThatThrownBy(() -> ControlMessage.parse("{\"header\":")).hasMessageContaining("JSON");
    }

    @Test
    void settingsChooseTrIdAndUrl() {
        var real = NoticeStreamSettings.of(KisEnv.REAL, "ws://ops.koreainvestment.com:21000/", "myhtsid");
        assertThat(real.trId()).isEqualTo("H0STCNI0");
        assertThat(real.connectUrl()).isEqualTo("ws://ops.koreainvestment.com:21000");
        assertThat(real.withTryitoutPath(true).connectUrl()).isEqualTo("ws://ops.koreainvestment.com:21000/tryitout");
        assertThat(NoticeStreamSettings.of(KisEnv.PAPER, "ws://h:31000/tryitout", "x")
                        .withTryitoutPath(true)
                        .connectUrl())
                .isEqualTo("ws://h:31000/tryitout");
        assertThat(NoticeStreamSettings.of(KisEnv.PAPER, "ws://h:1", "x").trId())
                .isEqualTo("H0STCNI9");
        assertThat(real.toString()).doesNotContain("myhtsid");
        assertThat(real.deadAfter()).hasSeconds(30);
        assertThatThrownBy(() -> NoticeStreamSettings.of(KisEnv.REAL, "ftp://x", "a"))
                .hasMessageContaining("ws://");
        assertThatThrownBy(() -> NoticeStreamSettings.of(KisEnv.REAL, "ws://x", " "))
                .hasMessageContaining("HTS id");
    }

    @Test
    void eventToStringHidesPersonalData() {
        var e = new ExecutionNoticeEvent(
                "H0STCNI0",
                "myhtsid",
                Optional.of(AccountNo.parse("12345678-01")),
                "0000000001",
                "",
                Side.BUY,
                "0",
                "00",
                "0",
                "005930",
                1,
                new BigDecimal("100"),
                "090000",
                Instant.parse("2026-11-24T00:00:00Z"),
                false,
                NoticeKind.FILL,
                "2",
                "00950",
                OptionalLong.of(1),
                "HONG GILDONG",
                Optional.empty(),
                NoticeLayout.FIELDS_26,
                List.of("myhtsid", "1234567801"),
                Instant.parse("2026-11-24T00:00:01Z"),
                new NoticeReceipt("c1", 0, 0));
        assertThat(e.toString())
                .doesNotContain("myhtsid")
                .doesNotContain("12345678")
                .doesNotContain("HONG")
                .contains("12****78-01")
                .contains("0000000001");
        assertThat(e.isFor(AccountNo.parse("12345678-01"))).isTrue();
        assertThat(e.isFor(AccountNo.parse("12345678-02"))).isFalse();
    }

    @Test
    void eventRejectsImpossibleValues() {
        assertThatThrownBy(() -> event("0000000001", -1, "100")).hasMessageContaining("negative CNTG_QTY");
        assertThatThrownBy(() -> event("0000000001", 1, "-100")).hasMessageContaining("negative CNTG_UNPR");
        assertThatThrownBy(() -> event(" ", 1, "100")).hasMessageContaining("ODER_NO");
        assertThat(event("0000000001", 0, "0").isFill()).isTrue();
    }

    private static ExecutionNoticeEvent event(String orderNo, long qty, String price) {
        return new ExecutionNoticeEvent(
                "H0STCNI0",
                "id",
                Optional.empty(),
                orderNo,
                "",
                Side.SELL,
                "0",
                "00",
                "0",
                "005930",
                qty,
                new BigDecimal(price),
                "090000",
                Instant.EPOCH,
                false,
                NoticeKind.FILL,
                "2",
                "00950",
                OptionalLong.empty(),
                "",
                Optional.empty(),
                NoticeLayout.FIELDS_23,
                List.of(),
                Instant.EPOCH,
                new NoticeReceipt("c1", 0, 0));
    }

    @Test
    void eightDigitAccountFieldMatchesByCano() {
        var fields = NoticeFixtures.fill26();
        fields.set(1, "50000001");
        var d = new NoticeFrameDecoder("H0STCNI0");
        var n = (DecodedFrame.Notices) d.decode(
                NoticeFixtures.plainFrame("H0STCNI0", 1, NoticeFixtures.join(fields)),
                Instant.EPOCH,
                LocalDate.of(2026, 11, 24));
        var e = n.events().get(0);
        assertThat(e.account()).isEmpty();
        assertThat(e.isFor(AccountNo.parse("50000001-01"))).isTrue();
        assertThat(e.isFor(AccountNo.parse("50000002-01"))).isFalse();
    }
}
