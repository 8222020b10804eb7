package io.execctl.kis;

/**
 * What KIS said about a response besides the body: HTTP status and the {@code tr_id},
 * {@code tr_cont} (pagination) and {@code gt_uid} (KIS's transaction id, useful in logs) headers.
 * Missing headers are empty strings.
 */
public record ResponseMeta(int status, String trId, String trCont, String gtUid) {
    public ResponseMeta {
        trId = trId == null ? "" : trId.trim();
        trCont = trCont == null ? "" : trCont.trim();
        gtUid = gtUid == null ? "" : gtUid.trim();
    }

    public boolean is2xx() {
        return status >= 200 && status < 300;
    }

    /** {@code tr_cont} F or M: more pages follow. */
    public boolean hasMorePages() {
        return trCont.equals("F") || trCont.equals("M");
    }
}
