/**
 * The daemon and the bootstrap: which passes run, in which order at startup and at which cadence
 * afterwards, under the one-active-daemon-per-account session lock. Passes themselves live in
 * their own packages ({@code engine}, {@code engine.submit}, ...); this package only composes them
 * ({@link io.execctl.engine.daemon.EngineParts} is the one list of named passes and services).
 */
package io.execctl.engine.daemon;
