package io.execctl.kis.ws;

import io.execctl.domain.AccountNo;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.Secret;
import io.execctl.domain.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.execctl.kis.ws.NoticeFixtures.IV;
import static io.execctl.kis.ws.NoticeFixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;

class NoticeFrameDecoderTest {
    private static final String TR = "H0STCNI0";
    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final Instant RECEIVED = Instant.parse("2026-11-24T00:30:16Z");

    private NoticeFrameDecoder decoder;

    @BeforeEach
    void setUp() {
        decoder = new NoticeFrameDecoder(TR);
        decoder.setKey(Secret.of(KEY), Secret.of(IV));
    }

    private DecodedFrame decode(String raw) {
        return decoder.decode(raw, RECEIVED, DAY);
    }

    private DecodedFrame.Notices notices(String raw) {
        DecodedFrame f = decode(raw);
        assertThat(f).isInstanceOf(DecodedFrame.Notices.class);
        return (DecodedFrame.Notices) f;
    }

    private DecodedFrame.Unusable unusable(String raw) {
        DecodedFrame f = decode(raw);
        assertThat(f).isInstanceOf(DecodedFrame.Unusable.class);
        return (DecodedFrame.Unusable) f;
    }

    @Test
    void parsesEveryFieldOfAn26FieldFill() {
        var n = notices(NoticeFixtures.encryptedFrame(TR, 1, NoticeFixtures.join(NoticeFixtures.fill26())));
        assertThat(n.encrypted()).isTrue();
        assertThat(n.badRecords()).isEmpty();
        assertThat(n.events()).hasSize(1);
        ExecutionNoticeEvent e = n.events().get(0);
        assertThat(e.trId()).isEqualTo(TR);
        assertThat(e.custId()).isEqualTo("demo");
        assertThat(e.account()).contains(AccountNo.parse("50000001-01"));
        assertThat(e.orderNo()).isEqualTo("0000012345");
        assertThat(e.orderNumber()).isEqualTo(12345L);
        assertThat(e.origOrderNo()).isEmpty();
        assertThat(e.side()).isEqualTo(Side.BUY);
        assertThat(e.rctfCls()).isEqualTo("0");
        assertThat(e.ordDvsn()).isEqualTo("00");
        assertThat(e.symbol()).isEqualTo("005930");
        assertThat(e.qty()).isEqualTo(7);
        assertThat(e.price()).isEqualByComparingTo("71500");
        assertThat(e.time()).isEqualTo("093015");
        assertThat(e.at()).isEqualTo(Instant.parse("2026-11-24T00:30:15Z")); // 09:30:15 KST
        assertThat(e.rejected()).isFalse();
        assertThat(e.kind()).isEqualTo(NoticeKind.FILL);
        assertThat(e.isFill()).isTrue();
        assertThat(e.acptYn()).isEqualTo("2");
        assertThat(e.branch()).isEqualTo("00950");
        assertThat(e.orderQty()).hasValue(10);
        assertThat(e.accountName()).isEqualTo("HONG GILDONG");
        assertThat(e.orderPrice()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("72000"));
        assertThat(e.layout()).isEqualTo(NoticeLayout.FIELDS_26);
        assertThat(e.rawFields()).isEqualTo(NoticeFixtures.fill26());
        assertThat(e.receivedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void parses23FieldLayoutTakingTheOrderPriceFromTheLastField() {
        var n = notices(NoticeFixtures.encryptedFrame(TR, 1, NoticeFixtures.join(NoticeFixtures.fill23())));
        ExecutionNoticeEvent e = n.events().get(0);
        assertThat(e.layout()).isEqualTo(NoticeLayout.FIELDS_23);
        assertThat(e.orderNo()).isEqualTo("0000012345");
        assertThat(e.qty()).isEqualTo(7);
        assertThat(e.price()).isEqualByComparingTo("71500");
        assertThat(e.orderQty()).hasValue(10);
        assertThat(e.orderPrice()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("72000"));
        assertThat(e.rawFields()).hasSize(23);
    }

    @Test
    void acceptanceNoticeWithBlankOrderQuantity() {
        var e = notices(NoticeFixtures.encryptedFrame(TR, 1, NoticeFixtures.join(NoticeFixtures.ack26())))
                .events()
                .get(0);
        assertThat(e.kind()).isEqualTo(NoticeKind.ACK);
        assertThat(e.side()).isEqualTo(Side.SELL);
        assertThat(e.acptYn()).isEqualTo("1");
        assertThat(e.qty()).isEqualTo(5);
        assertThat(e.orderQty()).isEmpty();
        assertThat(e.at()).isEqualTo(Instant.parse("2026-11-24T00:10:00Z"));
    }

    @Test
    void cancelConfirmationWithBlankPriceReadsZero() {
        List<String> f = NoticeFixtures.ack26();
        f.set(2, "0000012399");
        f.set(3, "0000012346");
        f.set(5, "2");
        f.set(14, "2");
        f.set(10, "");
        f.set(25, "");
        var e = notices(NoticeFixtures.encryptedFrame(TR, 1, NoticeFixtures.join(f)))
                .events()
                .get(0);
        assertThat(e.isCancel()).isTrue();
        assertThat(e.origOrderNo()).isEqualTo("0000012346");
        assertThat(e.price()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(e.orderPrice()).isEmpty();
    }

    @Test
    void rejectionNotice() {
        List<String> f = NoticeFixtures.ack26();
        f.set(12, "1");
        assertThat(notices(NoticeFixtures.encryptedFrame(TR, 1, NoticeFixtures.join(f)))
                        .events()
                        .get(0)
                        .rejected())
                .isTrue();
    }

    @Test
    void splitsMultiRecordFramesByCount() {
        List<String> second = NoticeFixtures.fill26();
        second.set(2, "0000012350");
        second.set(9, "3");
        List<String> third = NoticeFixtures.fill26();
        third.set(2, "0000012351");
        var two = notices(
                NoticeFixtures.encryptedFrame(TR, 2, NoticeFixtures.joinRecords(NoticeFixtures.fill26(), second)));
        assertThat(two.events()).extracting(ExecutionNoticeEvent::orderNo).containsExactly("0000012345", "0000012350");
        assertThat(two.events().get(1).qty()).isEqualTo(3);
        var three = notices(NoticeFixtures.encryptedFrame(
                TR,
                3,
                NoticeFixtures.joinRecords(NoticeFixtures.fill23(), NoticeFixtures.fill23(), NoticeFixtures.fill23())));
        assertThat(three.events()).hasSize(3).allSatisfy(e -> assertThat(e.layout())
                .isEqualTo(NoticeLayout.FIELDS_23));
    }

    @Test
    void stampsEveryRecordWithItsReceipt() {
        NoticeFrameDecoder d = new NoticeFrameDecoder(TR, "conn-1");
        d.setKey(Secret.of(KEY), Secret.of(IV));
        String one = NoticeFixtures.encryptedFrame(TR, 1, NoticeFixtures.join(NoticeFixtures.fill26()));
        String two = NoticeFixtures.encryptedFrame(
                TR, 2, NoticeFixtures.joinRecords(NoticeFixtures.fill26(), NoticeFixtures.fill26()));
        var first = (DecodedFrame.Notices) d.decode(one, RECEIVED, DAY);
        assertThat(d.decode("{\"header\":{\"tr_id\":\"PINGPONG\"}}", RECEIVED, DAY))
                .isInstanceOf(DecodedFrame.Control.class);
        var third = (DecodedFrame.Notices) d.decode(two, RECEIVED, DAY);
        // the same frame again (a broker replay) is a new frame: a new receipt, judged by the fill model
        var fourth = (DecodedFrame.Notices) d.decode(one, RECEIVED, DAY);
        assertThat(first.events().get(0).receipt()).isEqualTo(new NoticeReceipt("conn-1", 0, 0));
        assertThat(third.events())
                .extracting(ExecutionNoticeEvent::receipt)
                .containsExactly(new NoticeReceipt("conn-1", 2, 0), new NoticeReceipt("conn-1", 2, 1));
        assertThat(fourth.events().get(0).receipt()).isEqualTo(new NoticeReceipt("conn-1", 3, 0));
        assertThat(new NoticeFrameDecoder(TR).connectionId())
                .as("a fresh id per connection, never reused across reconnects or restarts")
                .isNotEqualTo(new NoticeFrameDecoder(TR).connectionId());
    }

    @Test
    void oneBadRecordDoesNotLoseTheOthers() {
        List<String> bad = NoticeFixtures.fill26();
        bad.set(4, "09");
        var n = notices(NoticeFixtures.encryptedFrame(
                TR, 3, NoticeFixtures.joinRecords(NoticeFixtures.fill26(), bad, NoticeFixtures.fill26())));
        assertThat(n.events()).hasSize(2);
        assertThat(n.badRecords()).singleElement().satisfies(b -> {
            assertThat(b.index()).isEqualTo(1);
            assertThat(b.reason()).contains("SELN_BYOV_CLS");
        });
    }

    @Test
    void badFieldsAreNamed() {
        assertThat(badReason(9, "x7")).contains("CNTG_QTY");
        assertThat(badReason(9, "")).contains("CNTG_QTY");
        assertThat(badReason(9, "0")).contains("positive");
        assertThat(badReason(10, "abc")).contains("CNTG_UNPR");
        assertThat(badReason(11, "256199")).contains("STCK_CNTG_HOUR");
        assertThat(badReason(13, "7")).contains("CNTG_YN");
        assertThat(badReason(12, "Y")).contains("RFUS_YN");
        assertThat(badReason(2, " ")).contains("ODER_NO");
        assertThat(badReason(25, "-5")).contains("ODER_PRC");
    }

    private String badReason(int index, String value) {
        List<String> f = NoticeFixtures.fill26();
        f.set(index, value);
        var n = notices(NoticeFixtures.encryptedFrame(TR, 1, NoticeFixtures.join(f)));
        assertThat(n.events()).isEmpty();
        return n.badRecords().get(0).reason();
    }

    @Test
    void badRecordMessagesNeverRepeatTheAccount() {
        List<String> f = NoticeFixtures.fill26();
        f.set(13, "x");
        var n = notices(NoticeFixtures.encryptedFrame(TR, 1, NoticeFixtures.join(f)));
        assertThat(n.badRecords().get(0).reason())
                .doesNotContain(NoticeFixtures.ACCOUNT)
                .doesNotContain("HONG");
    }

    @Test
    void truncatedRecordIsCorrupt() {
        List<String> f = NoticeFixtures.fill26().subList(0, 20);
        var u = unusable(NoticeFixtures.encryptedFrame(TR, 1, NoticeFixtures.join(f)));
        assertThat(u.outcome()).isEqualTo(FrameOutcome.CORRUPT);
        assertThat(u.reason()).contains("20 fields per record");
    }

    @Test
    void fieldCountNotDivisibleByCountIsCorrupt() {
        var u = unusable(NoticeFixtures.encryptedFrame(
                TR,
                2,
                NoticeFixtures.joinRecords(
                        NoticeFixtures.fill26(), NoticeFixtures.fill26().subList(0, 25))));
        assertThat(u.outcome()).isEqualTo(FrameOutcome.CORRUPT);
        assertThat(u.reason()).contains("51 fields do not divide into 2 records");
    }

    @Test
    void countClaimingMoreRecordsThanSentIsCorrupt() {
        // 52 fields announced as 4 records = 13 per record
        var u = unusable(NoticeFixtures.encryptedFrame(
                TR, 4, NoticeFixtures.joinRecords(NoticeFixtures.fill26(), NoticeFixtures.fill26())));
        assertThat(u.outcome()).isEqualTo(FrameOutcome.CORRUPT);
    }

    @Test
    void keepsTrailingEmptyFields() {
        List<String> f = NoticeFixtures.fill26();
        f.set(25, "");
        f.set(24, "");
        var e = notices(NoticeFixtures.encryptedFrame(TR, 1, NoticeFixtures.join(f)))
                .events()
                .get(0);
        assertThat(e.rawFields()).hasSize(26);
        assertThat(e.orderPrice()).isEmpty();
        assertThat(NoticeFrameDecoder.split("a^^b^")).containsExactly("a", "", "b", "");
        assertThat(NoticeFrameDecoder.split("")).containsExactly("");
    }

    @Test
    void plainFramesAreParsedButMarked() {
        var n = notices(NoticeFixtures.plainFrame(TR, 1, NoticeFixtures.join(NoticeFixtures.fill26())));
        assertThat(n.encrypted()).isFalse();
        assertThat(n.events()).hasSize(1);
    }

    @Test
    void corruptBase64() {
        var u = unusable("1|" + TR + "|001|@@@not-base64@@@");
        assertThat(u.outcome()).isEqualTo(FrameOutcome.UNDECRYPTABLE);
        assertThat(u.reason()).contains("base64");
    }

    @Test
    void wrongKeyIsUndecryptable() {
        String frame = "1|" + TR + "|001|"
                + NoticeFixtures.encrypt(NoticeFixtures.join(NoticeFixtures.fill26()), NoticeFixtures.OTHER_KEY, IV);
        DecodedFrame f = decode(frame);
        // a wrong key almost always breaks the padding; when the padding happens to look valid, the text
        // is not UTF-8 or not 26 fields — in no case is a notice delivered
        assertThat(f).isInstanceOf(DecodedFrame.Unusable.class);
        assertThat(((DecodedFrame.Unusable) f).outcome()).isIn(FrameOutcome.UNDECRYPTABLE, FrameOutcome.CORRUPT);
    }

    @Test
    void encryptedFrameBeforeAnyKey() {
        var fresh = new NoticeFrameDecoder(TR);
        DecodedFrame f = fresh.decode(
                NoticeFixtures.encryptedFrame(TR, 1, NoticeFixtures.join(NoticeFixtures.fill26())), RECEIVED, DAY);
        assertThat(((DecodedFrame.Unusable) f).outcome()).isEqualTo(FrameOutcome.NO_KEY);
    }

    @Test
    void unknownTrId() {
        var u = unusable(NoticeFixtures.encryptedFrame("H0STCNT0", 1, NoticeFixtures.join(NoticeFixtures.fill26())));
        assertThat(u.outcome()).isEqualTo(FrameOutcome.UNKNOWN_TR);
        assertThat(u.reason()).contains("H0STCNT0");
        assertThat(unusable(NoticeFixtures.encryptedFrame("H0STCNI9", 1, "x")).outcome())
                .isEqualTo(FrameOutcome.UNKNOWN_TR);
    }

    @Test
    void malformedHeaders() {
        assertThat(unusable("").outcome()).isEqualTo(FrameOutcome.CORRUPT);
        assertThat(unusable("hello").outcome()).isEqualTo(FrameOutcome.CORRUPT);
        assertThat(unusable("1|H0STCNI0").outcome()).isEqualTo(FrameOutcome.CORRUPT);
        assertThat(unusable("1|H0STCNI0|001").outcome()).isEqualTo(FrameOutcome.CORRUPT);
        assertThat(unusable("1|H0STCNI0|0a1|xyz").reason()).contains("record count");
        assertThat(unusable("1|H0STCNI0|000|xyz").reason()).contains("record count");
        assertThat(unusable("12|H0STCNI0|001|xyz").outcome()).isEqualTo(FrameOutcome.CORRUPT);
        assertThat(unusable("{not json").outcome()).isEqualTo(FrameOutcome.CORRUPT);
        assertThat(unusable("{\"body\":{}}").reason()).contains("header");
    }

    @Test
    void controlFrames() {
        DecodedFrame f = decode(NoticeFixtures.ack(TR, "demo", KEY, IV));
        assertThat(f).isInstanceOf(DecodedFrame.Control.class);
        ControlMessage m = ((DecodedFrame.Control) f).message();
        assertThat(m.isSubscribeAck()).isTrue();
        assertThat(m.key()).contains(Secret.of(KEY));
        assertThat(m.iv()).contains(Secret.of(IV));
    }

    @Test
    void newKeyReplacesTheOld() {
        decoder.setKey(Secret.of(NoticeFixtures.OTHER_KEY), Secret.of(IV));
        String frame = "1|" + TR + "|001|"
                + NoticeFixtures.encrypt(NoticeFixtures.join(NoticeFixtures.fill26()), NoticeFixtures.OTHER_KEY, IV);
        assertThat(notices(frame).events()).hasSize(1);
    }

    @Test
    void decodesTheSameCipherRepeatedly() {
        String frame = NoticeFixtures.encryptedFrame(TR, 1, NoticeFixtures.join(NoticeFixtures.fill26()));
        for (int i = 0; i < 5; i++) {
            assertThat(notices(frame).events()).hasSize(1);
            unusable("1|" + TR + "|001|AAAAAAAAAAAAAAAAAAAAAA==");
        }
    }
}
