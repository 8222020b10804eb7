/**
 * Submission (issue 12, first slice): NEW intents to KIS orders, at most one per intent, through the
 * submission journal's claim and fence. {@link io.execctl.engine.submit.Submitter} is the entry point;
 * docs/engine.md says what is done and what is not yet (resolution of UNKNOWN outcomes by evidence).
 */
package io.execctl.engine.submit;
