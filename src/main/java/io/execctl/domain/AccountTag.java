package io.execctl.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A short tag that tells accounts apart in an {@code order_id} without showing the account number:
 * the first 10 hex digits of SHA-256 of {@code "execctl-account:" + 12345678-01}. The database
 * computes the same function ({@code trade.account_tag}) and checks every order id against it.
 *
 * <p>It hides the number from whoever sees only order ids (logs, events, strategy tables); it is not
 * encryption: with 10^10 possible numbers someone holding a tag and time can search for candidates.
 * The number itself stays in {@code orders.account_id}. Two accounts sharing a tag (about 1 in 10^12
 * per pair) still cannot merge: orders are upserted by (account, date, ODNO), so an order id clash
 * is a unique violation that fails loudly, never one order overwriting another.
 */
public final class AccountTag {
    private static final HexFormat HEX = HexFormat.of();

    private AccountTag() {}

    /**
     * Tags already computed: every order id is derived from its key on the fill path, several times
     * per notice, and a SHA-256 per call was a visible share of a notice's CPU. A process sees a
     * handful of accounts; the cache is dropped if it ever grows past {@link #CACHED}.
     */
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private static final int CACHED = 256;

    /** The tag of a canonical account number ({@code 12345678-01}). */
    public static String of(String accountId) {
        Checks.notNull(accountId, "accountId");
        String tag = CACHE.get(accountId);
        if (tag == null) {
            tag = compute(accountId);
            if (CACHE.size() >= CACHED) {
                CACHE.clear();
            }
            CACHE.put(accountId, tag);
        }
        return tag;
    }

    private static String compute(String accountId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(("execctl-account:" + accountId).getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(d, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    }
}
