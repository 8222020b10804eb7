package io.execctl.kis;

/**
 * The caller's last word before an order POST goes out, asked immediately before <em>every</em> send
 * attempt (retries included), after the access token and the rate slot were taken. The submission
 * journal uses it to fence a stalled process: a conditional write ("the claim is still mine and its
 * send deadline has not passed", renewing the deadline) that fails means another owner may have taken
 * the order over, and nothing is sent.
 */
@FunctionalInterface
public interface SendFence {

    /** True when the attempt may be sent now; false (or an exception) and nothing is sent. */
    boolean mayFire();

    /** No fence: every attempt may be sent. */
    SendFence NONE = () -> true;
}
