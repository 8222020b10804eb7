package io.execctl.kis;

/**
 * No valid access token or approval key could be obtained in time. The message names the reason
 * (KIS code, spacing, transport) and never a credential.
 */
public final class TokenUnavailableException extends RuntimeException {
    private final String code;

    public TokenUnavailableException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** KIS's code ({@code EGW00133}, {@code EGW00103} …) or a client reason such as {@code spacing}. */
    public String code() {
        return code;
    }
}
