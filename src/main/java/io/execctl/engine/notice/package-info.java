/**
 * The notice fast path: execution notices from the WebSocket, routed to their order and applied
 * through the fill model in per-order transactions (batched across orders), parked while their order
 * is unknown, and handed to the ownership decision when nobody knows the order. See
 * {@code docs/engine.md} ("Execution notices").
 */
package io.execctl.engine.notice;
