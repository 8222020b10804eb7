package io.execctl.domain;

/**
 * How the broker's holding of a symbol compares with the strategies' open positions in it.
 * Quantities decide: equal quantities are {@link #OK} whatever rows exist.
 */
public enum MismatchKind {
    /** Position and holding quantities agree. */
    OK,
    /** An open position, but the broker holds none of the symbol (absent or quantity 0). */
    MISSING,
    /** The broker holds the symbol, but no open position names it. */
    EXTRA,
    /** Both exist and the quantities differ. */
    QTY
}
