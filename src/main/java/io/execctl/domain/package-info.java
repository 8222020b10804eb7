/**
 * Immutable value types of the execution service and the pure rules over them: the order-status
 * reducer, the intent-to-order mapping and the KRX tick grid.
 *
 * <p>This package depends on the JDK only (checked by an ArchUnit test), so every other package,
 * the simulator included, can share these rules without sharing any I/O code.
 */
package io.execctl.domain;
