/**
 * Proof that execctl's tables agree with the broker: the ledger check compares the database with the
 * simulator's ledger ({@code GET /sim/ledger}, read over HTTP with its own model, never by importing
 * the simulator). Used by {@code execctl demo} and the chaos day; only the cli imports it.
 */
package io.execctl.proof;
