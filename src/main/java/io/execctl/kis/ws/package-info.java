/**
 * The KIS execution-notice WebSocket client ({@code H0STCNI0} real / {@code H0STCNI9} paper):
 * subscription, AES-256-CBC decryption, positional record parsing (26- and 23-field layouts,
 * multi-record frames), control codes, PINGPONG, dead-peer detection and reconnection with
 * backoff and gap reporting. See {@code docs/kis-websocket.md}.
 */
package io.execctl.kis.ws;
