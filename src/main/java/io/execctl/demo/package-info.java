/**
 * The demo: a small strategy that writes intents and positions as a strategy would (contract tables
 * only, plain SQL), and a live terminal view of execctl's tables. Independent of the cli, which
 * composes it with the simulator and the engine ({@code execctl demo}).
 */
package io.execctl.demo;
