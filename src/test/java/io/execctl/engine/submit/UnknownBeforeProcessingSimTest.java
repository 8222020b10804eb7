package io.execctl.engine.submit;

import io.execctl.domain.AbsenceRules;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.KisEnv;
import io.execctl.domain.Side;
import io.execctl.engine.LoggingAlerter;
import io.execctl.engine.ownership.ParkedNoticeReplay;
import io.execctl.engine.ownership.PgOrderOwnership;
import io.execctl.store.Incarnation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chaos day finding: an intent went UNKNOWN on {@code HTTP 502 with an HTML page} (the simulator's
 * {@code rest_5xx_html_rate}: refused before anything was done, the broker has no order) and stayed
 * UNKNOWN for more than a minute with its same-shape successor NEW behind it. With the production
 * journal policy and an order of the same symbol already at the broker, the absence is proven by
 * complete inquiries after the send deadline plus the history lag and the intent is resent exactly
 * once, within the deadline, the lag and a few resolver cadences.
 */
class UnknownBeforeProcessingSimTest {
    static final Duration LAG = Duration.ofMillis(400);
    static final Duration CADENCE = Duration.ofMillis(200);

    @TempDir
    Path dir;

    SubmitFixture f;
    LoggingAlerter alerter;

    @BeforeEach
    void setUp() {
        f = new SubmitFixture(dir);
        alerter = new LoggingAlerter();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void anUnknownFromA5xxBeforeProcessingIsProvenAbsentAndResentOnceWithinTheLagAndACadence() {
        // the production policy, with the test client's call timeout
        JournalPolicy policy = JournalPolicy.defaults().withOrderCallTimeout(SubmitFixture.FAST.call());
        Submitter real = new Submitter(
                f.jdbi,
                f.client::placeCashOrder,
                SubmitFixture.ACCOUNT,
                Incarnation.start(),
                policy,
                Clock.systemUTC(),
                f.alerts);
        UUID earlier = f.intent(null, "005930", "ENTRY", 5, "MKT", null);
        assertThat(real.runPass(10, false)).singleElement().satisfies(r -> assertThat(r.outcome())
                .isEqualTo(SubmitOutcome.SUBMITTED));
        f.faults("{\"rest_5xx_html_rate\":1.0}");
        UUID id = f.intent(null, "005930", "ENTRY", 5, "MKT", null);
        UUID next = f.intent(null, "005930", "ENTRY", 5, "MKT", null);
        List<SubmitResult> first = real.runPass(10, false);
        assertThat(first)
                .filteredOn(r -> r.intentId().equals(id))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo(SubmitOutcome.UNKNOWN);
                    assertThat(r.reason()).contains("HTTP 502");
                });
        f.faults("{}");
        Instant faultsOff = Instant.now();
        UnknownResolver resolver = new UnknownResolver(
                f.jdbi,
                OrderInquiry.of(f.client),
                new PgOrderOwnership(f.jdbi, Clock.systemUTC(), Duration.ofDays(1), alerter, ParkedNoticeReplay.NONE),
                real,
                new AbsenceRules(LAG, KisEnv.REAL),
                SubmitFixture.ACCOUNT,
                null,
                Clock.systemUTC(),
                alerter);
        AtomicReference<List<SubmitResult>> last = new AtomicReference<>();

        await().atMost(policy.sendLease().plus(LAG).plus(Duration.ofSeconds(8)))
                .pollInterval(CADENCE)
                .until(() -> {
                    last.set(resolver.resolveAll());
                    return f.intentStatus(id).equals("SUBMITTED");
                });

        assertThat(Duration.between(faultsOff, Instant.now()))
                .as("resolved within the send deadline, the history lag and a few cadences, last: " + last.get())
                .isLessThan(policy.sendLease().plus(LAG).plus(Duration.ofSeconds(8)));
        assertThat(f.intentStatus(earlier)).isEqualTo("SUBMITTED");
        assertThat(f.count("SELECT attempts FROM trade.submissions WHERE intent_id = :p", id))
                .isEqualTo(2);
        assertThat(real.runPass(10, false))
                .as("the same-shape successor goes once the first resolved")
                .anySatisfy(r -> {
                    assertThat(r.intentId()).isEqualTo(next);
                    assertThat(r.outcome()).isEqualTo(SubmitOutcome.SUBMITTED);
                });
        assertThat(f.brokerOrders("005930", Side.BUY, 5))
                .as("exactly one broker order per intent")
                .hasSize(3);
        assertThat(resolver.run().unresolved()).isZero();
    }
}
