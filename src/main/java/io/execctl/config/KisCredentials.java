package io.execctl.config;

import io.execctl.domain.AccountNo;
import io.execctl.domain.Secret;
import java.util.Objects;

/** The three things every KIS call needs; each masks itself in {@link #toString()}. */
public record KisCredentials(Secret appKey, Secret appSecret, AccountNo account) {
    public KisCredentials {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(account, "account");
    }
}
