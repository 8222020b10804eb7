package io.execctl.scenario;

import io.execctl.config.TrIdSet;
import io.execctl.domain.KisEnv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every script under {@code src/test/resources/scenarios} ({@code *.scn}), run against the simulator
 * in each environment and TR-id set the script allows: one dynamic test per script and combination.
 * One simulator and one database per combination, reset between scripts. {@code -Dscenario=part}
 * runs only the scripts whose file name contains {@code part}, {@code -Dscenario.combo=real/new} one
 * combination.
 */
class ScenarioTest {
    static final Path DIR = Paths.get("src/test/resources/scenarios");

    private static final Map<KisEnv, Map<TrIdSet, ScenarioWorld>> WORLDS = new EnumMap<>(KisEnv.class);

    @TestFactory
    Stream<DynamicNode> scenarios() {
        String only = System.getProperty("scenario", "");
        List<Script> scripts =
                scripts().stream().filter(s -> s.name().contains(only)).toList();
        if (only.isEmpty()) {
            assertThat(scripts).as("scenario scripts in %s", DIR).hasSizeGreaterThanOrEqualTo(8);
        }
        List<DynamicNode> out = new ArrayList<>();
        for (KisEnv env : KisEnv.values()) {
            for (TrIdSet ids : TrIdSet.values()) {
                String combo = env.name().toLowerCase() + "/" + ids.name().toLowerCase();
                if (!combo.contains(System.getProperty("scenario.combo", ""))) {
                    continue;
                }
                List<DynamicTest> tests = scripts.stream()
                        .filter(s -> s.envs().contains(env) && s.trIds().contains(ids))
                        .map(s -> DynamicTest.dynamicTest(
                                s.name(), DIR.resolve(s.name()).toUri(), () -> {
                                    ScenarioWorld w = world(env, ids);
                                    w.reset();
                                    try {
                                        new ScenarioRunner(w, System.err).run(s);
                                    } catch (ScenarioException e) {
                                        if (s.knownGap() == null) {
                                            throw e;
                                        }
                                        Assumptions.abort("known gap (" + s.knownGap() + "): " + e.getMessage());
                                    }
                                }))
                        .toList();
                if (!tests.isEmpty()) {
                    out.add(DynamicContainer.dynamicContainer(combo, tests));
                }
            }
        }
        return out.stream();
    }

    static List<Script> scripts() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".scn"))
                    .sorted()
                    .map(ScenarioTest::load)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Script load(Path p) {
        try {
            return Script.parse(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized ScenarioWorld world(KisEnv env, TrIdSet ids) {
        return WORLDS.computeIfAbsent(env, e -> new EnumMap<>(TrIdSet.class))
                .computeIfAbsent(ids, i -> new ScenarioWorld(env, i));
    }

    @AfterAll
    static synchronized void closeWorlds() {
        WORLDS.values().forEach(m -> m.values().forEach(ScenarioWorld::close));
        WORLDS.clear();
    }
}
