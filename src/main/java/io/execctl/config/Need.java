package io.execctl.config;

/**
 * What a command needs from the configuration beyond well-formed values: a command that talks to KIS
 * needs credentials, one that subscribes to notices needs the HTS id. The database always has a
 * default (the embedded server), so {@link #DB} only asks for well-formedness.
 */
public enum Need {
    DB,
    KIS,
    KIS_NOTICES
}
