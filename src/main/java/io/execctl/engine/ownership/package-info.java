/**
 * Ownership of broker orders that execctl did not know: adopt, link, park or record as external.
 * One decision point shared by submission, notices and syncs.
 */
package io.execctl.engine.ownership;
