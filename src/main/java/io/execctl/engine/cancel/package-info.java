/**
 * Cancels and modifies: {@code execctl cancel} (one order, full or partial) and the kill switch
 * ({@code execctl cancel --all}). Full cancels ({@code QTY_ALL_ORD_YN=Y}) are idempotent at the broker;
 * partial cancels go through the submission journal like orders; modify chains are followed to the live
 * {@code ODNO}.
 */
package io.execctl.engine.cancel;
