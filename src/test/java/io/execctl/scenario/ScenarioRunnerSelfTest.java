package io.execctl.scenario;

import io.execctl.config.TrIdSet;
import io.execctl.domain.KisEnv;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The runner can fail: a false expectation, a wrong wait and a bad script each fail with the
 * script's file and line, and a failed step prints the thread stacks, the broker-message tail and
 * the simulator's ledger.
 */
class ScenarioRunnerSelfTest {
    private static final Path DIR = Paths.get("src/test/resources/scenarios-selftest");
    private static ScenarioWorld world;

    @BeforeAll
    static void start() {
        world = new ScenarioWorld(KisEnv.REAL, TrIdSet.NEW);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void aWrongExpectationFailsWithFileLineAndTheDumps() throws Exception {
        Script script = ScenarioTest.load(DIR.resolve("wrong-expectation.scn"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        world.reset();

        assertThatThrownBy(
                        () -> new ScenarioRunner(world, new PrintStream(out, true, StandardCharsets.UTF_8)).run(script))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("wrong-expectation.scn:8:")
                .hasMessageContaining("filled is 5, expected 6");
        String dump = out.toString(StandardCharsets.UTF_8);
        assertThat(dump)
                .contains("==== scenario wrong-expectation.scn:8 failed in real/new")
                .contains("==== threads")
                .contains("\"main\" RUNNABLE")
                .contains("==== last 20 broker messages (trade.broker_messages)")
                .contains("TTTC0012U") // the order-cash answer in the REST audit
                .contains("==== simulator ledger")
                .contains("005930 BUY qty=5 filled=5");
    }

    @Test
    void aWaitThatNeverHoldsTimesOutWithFileLine() throws Exception {
        Script script = Script.parse("inline.scn", """
                intent a ENTRY 005930 10 LMT mkt-5000
                submit
                await order a status FILLED within 500ms
                """);
        world.reset();
        assertThatThrownBy(() -> new ScenarioRunner(world, new PrintStream(new ByteArrayOutputStream())).run(script))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("inline.scn:3:")
                .hasMessageContaining("status is SUBMITTED, expected FILLED");
    }

    @Test
    void unknownCommandsAndBadWordsFailAtParseOrRunWithFileLine() throws Exception {
        assertThatThrownBy(() -> Script.parse("bad.scn", "# comment\n\nfrobnicate now\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("bad.scn:3: unknown command 'frobnicate'");
        assertThatThrownBy(() -> Script.parse("bad.scn", "submit\nenvs real\n"))
                .hasMessageStartingWith("bad.scn:2: 'envs' belongs before the first step");
        assertThatThrownBy(() -> Script.parse("bad.scn", "envs mars\n")).hasMessageStartingWith("bad.scn:1:");
        world.reset();
        Script wrongFault = Script.parse("f.scn", "fault no_such_fault 1\n");
        assertThatThrownBy(
                        () -> new ScenarioRunner(world, new PrintStream(new ByteArrayOutputStream())).run(wrongFault))
                .hasMessageStartingWith("f.scn:1: unknown fault 'no_such_fault'");
        Script wrongExpect = Script.parse("e.scn", "expect nothing-like-this\n");
        assertThatThrownBy(
                        () -> new ScenarioRunner(world, new PrintStream(new ByteArrayOutputStream())).run(wrongExpect))
                .hasMessageStartingWith("e.scn:1: unknown expectation 'nothing-like-this'");
    }

    @Test
    void headersChooseTheCombinations() {
        Script s = Script.parse("h.scn", "envs paper\ntrids old\nsubmit\n");
        assertThat(s.envs()).containsExactly(KisEnv.PAPER);
        assertThat(s.trIds()).containsExactly(TrIdSet.OLD);
        assertThat(s.steps()).singleElement().satisfies(st -> assertThat(st.where())
                .isEqualTo("h.scn:3"));
        assertThat(Script.parse("d.scn", "submit\n").envs()).containsExactlyInAnyOrder(KisEnv.REAL, KisEnv.PAPER);
        assertThat(Script.parse("d.scn", "submit\n").knownGap()).isNull();
        assertThat(Script.parse("k.scn", "known-gap cancels fail\nsubmit\n").knownGap())
                .isEqualTo("cancels fail");
    }
}
