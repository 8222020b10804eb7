/**
 * The engine: intent submission, fill ingestion, syncs, reconciliation and the daemon's loops
 * (issue "Engine"). So far it holds only the notice-coverage recorder of the exactly-once core.
 */
package io.execctl.engine;
