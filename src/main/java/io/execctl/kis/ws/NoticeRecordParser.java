package io.execctl.kis.ws;

import io.execctl.domain.AccountNo;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads one notice record by position (REFERENCE.md §9.3): fields 0–17 by index, which every
 * known layout agrees on, and {@code ODER_PRC} from the last field. Throws
 * {@link IllegalArgumentException} naming the field when a record cannot be read; the message
 * never repeats the account number, customer id or account name.
 *
 * <p>Keeps a one-entry cache of the last account number (notices of one HTS id carry one or a few
 * accounts), so it is <b>not thread-safe</b>: one per decoder. No regular expressions.
 */
public final class NoticeRecordParser {
    private String lastAccountRaw;
    private Optional<AccountNo> lastAccount = Optional.empty();

    /**
     * Parses {@code fields[from .. from+layout.fieldCount())}.
     *
     * @param tradingDate the Korean date the {@code HHmmss} time belongs to
     * @param receipt     where the record was received (connection, frame, record): its idempotency key
     */
    public ExecutionNoticeEvent parse(
            String trId,
            String[] fields,
            int from,
            NoticeLayout layout,
            LocalDate tradingDate,
            Instant receivedAt,
            NoticeReceipt receipt) {
        int n = layout.fieldCount();
        if (from < 0 || from + n > fields.length) {
            throw new IllegalArgumentException(
                    "record at " + from + " needs " + n + " fields, frame has " + fields.length);
        }
        String orderNo = fields[from + 2].trim();
        if (orderNo.isEmpty()) {
            throw new IllegalArgumentException("ODER_NO (2) is blank");
        }
        Side side = side(fields[from + 4]);
        String symbol = fields[from + 8].trim();
        if (symbol.isEmpty()) {
            throw new IllegalArgumentException("STCK_SHRN_ISCD (8) is blank");
        }
        NoticeKind kind = kind(fields[from + 13]);
        boolean fill = kind == NoticeKind.FILL;
        long qty = quantity(fields[from + 9], "CNTG_QTY (9)", fill);
        BigDecimal price = price(fields[from + 10], "CNTG_UNPR (10)", fill);
        if (fill && qty <= 0) {
            throw new IllegalArgumentException("CNTG_QTY (9) of a fill must be positive, was " + qty);
        }
        String time = fields[from + 11].trim();
        Instant at = ZonedDateTime.of(tradingDate, hhmmss(time), KoreaTime.ZONE).toInstant();
        boolean rejected = rejected(fields[from + 12]);
        String orderQtyText = fields[from + 16].trim();
        OptionalLong orderQty = orderQtyText.isEmpty()
                ? OptionalLong.empty()
                : OptionalLong.of(quantity(orderQtyText, "ODER_QTY (16)", true));
        String orderPriceText = fields[from + n - 1].trim();
        Optional<BigDecimal> orderPrice = orderPriceText.isEmpty()
                ? Optional.empty()
                : Optional.of(price(orderPriceText, "ODER_PRC (" + (n - 1) + ")", true));
        return new ExecutionNoticeEvent(
                trId,
                fields[from].trim(),
                account(fields[from + 1]),
                orderNo,
                fields[from + 3].trim(),
                side,
                fields[from + 5].trim(),
                fields[from + 6].trim(),
                fields[from + 7].trim(),
                symbol,
                qty,
                price,
                time,
                at,
                rejected,
                kind,
                fields[from + 14].trim(),
                fields[from + 15].trim(),
                orderQty,
                fields[from + 17].trim(),
                orderPrice,
                layout,
                Arrays.asList(fields).subList(from, from + n),
                receivedAt,
                receipt);
    }

    /** {@code HHmmss} without a DateTimeFormatter (the hot path). */
    private static LocalTime hhmmss(String s) {
        if (s.length() != 6 || !allDigits(s)) {
            throw new IllegalArgumentException("STCK_CNTG_HOUR (11) is not HHmmss: '" + s + "'");
        }
        int h = (s.charAt(0) - '0') * 10 + (s.charAt(1) - '0');
        int m = (s.charAt(2) - '0') * 10 + (s.charAt(3) - '0');
        int sec = (s.charAt(4) - '0') * 10 + (s.charAt(5) - '0');
        if (h > 23 || m > 59 || sec > 59) {
            throw new IllegalArgumentException("STCK_CNTG_HOUR (11) is not HHmmss: '" + s + "'");
        }
        return LocalTime.of(h, m, sec);
    }

    private static Side side(String raw) {
        String s = raw.trim();
        if ("01".equals(s)) {
            return Side.SELL;
        }
        if ("02".equals(s)) {
            return Side.BUY;
        }
        throw new IllegalArgumentException("SELN_BYOV_CLS (4) is not 01/02: '" + s + "'");
    }

    private static NoticeKind kind(String raw) {
        String s = raw.trim();
        if ("1".equals(s)) {
            return NoticeKind.ACK;
        }
        if ("2".equals(s)) {
            return NoticeKind.FILL;
        }
        throw new IllegalArgumentException("CNTG_YN (13) is not 1/2: '" + s + "'");
    }

    private static boolean rejected(String raw) {
        String s = raw.trim();
        if ("1".equals(s)) {
            return true;
        }
        if ("0".equals(s) || s.isEmpty()) {
            return false;
        }
        throw new IllegalArgumentException("RFUS_YN (12) is not 0/1: '" + s + "'");
    }

    private static long quantity(String raw, String name, boolean required) {
        String s = raw.trim();
        if (s.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException(name + " is blank");
            }
            return 0;
        }
        if (!allDigits(s)) {
            throw new IllegalArgumentException(name + " is not a whole number: '" + s + "'");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is out of range: '" + s + "'");
        }
    }

    private static BigDecimal price(String raw, String name, boolean required) {
        String s = raw.trim();
        if (s.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException(name + " is blank");
            }
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal p = new BigDecimal(s);
            if (p.signum() < 0) {
                throw new IllegalArgumentException(name + " is negative: '" + s + "'");
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: '" + s + "'");
        }
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** ACNT_NO is 10 digits (CANO + product code) in observed notices; anything else stays only in the raw fields. */
    private Optional<AccountNo> account(String raw) {
        String s = raw.trim();
        if (s.equals(lastAccountRaw)) {
            return lastAccount;
        }
        lastAccount = parseAccount(s);
        lastAccountRaw = s;
        return lastAccount;
    }

    private static Optional<AccountNo> parseAccount(String s) {
        if (s.length() == 10 && allDigits(s)) {
            return Optional.of(new AccountNo(s.substring(0, 8), s.substring(8)));
        }
        if (s.length() == 11 && s.charAt(8) == '-' && allDigits(s.substring(0, 8)) && allDigits(s.substring(9))) {
            return Optional.of(new AccountNo(s.substring(0, 8), s.substring(9)));
        }
        return Optional.empty();
    }
}
