package io.execctl.engine.ownership;

/**
 * The one place that decides who owns a broker order execctl's tables do not hold: adopt it into
 * an unresolved submission (only when it is the one candidate), link it as a cancel/modify of an
 * order we hold, keep it pending (park) while any SENDING/UNKNOWN submission could match it, or
 * record it as EXTERNAL. The submission engine (unknown outcomes), the notice path and the REST
 * syncs all ask here, so the three can never disagree about the same {@code ODNO}.
 *
 * <p>Implementations are idempotent: asking twice about the same order gives the same verdict and
 * writes nothing the second time. An EXTERNAL order is re-attributed to its intent if a later
 * adoption finds it.
 */
@FunctionalInterface
public interface OrderOwnership {
    OwnershipVerdict decide(BrokerOrderSighting sighting);
}
