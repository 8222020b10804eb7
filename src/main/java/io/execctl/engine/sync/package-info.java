/**
 * The REST syncs and reconciliation: {@code sync fills}, {@code sync unfilled} and {@code reconcile}, each an
 * {@link io.execctl.engine.EnginePass}, applying the broker's per-order totals through the core's fill model.
 */
package io.execctl.engine.sync;
