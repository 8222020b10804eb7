package io.execctl.scenario;

import io.execctl.config.TrIdSet;
import io.execctl.domain.KisEnv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A scenario script: header directives (which environments and TR-id sets it runs in) and the steps,
 * each with its file and line so that a failure points at the script, not at the runner. Lines are
 * whitespace-separated words; {@code #} starts a comment; blank lines are ignored.
 *
 * @param name  the file name (for messages: {@code name:line})
 * @param envs  {@code envs real paper} (default: both)
 * @param trIds {@code trids new old} (default: both)
 * @param knownGap {@code known-gap <why>}: the script shows an engine gap not fixed yet; a failure
 *                 aborts the test (reported, with its file:line) instead of failing it; null if none
 */
record Script(String name, Set<KisEnv> envs, Set<TrIdSet> trIds, String knownGap, List<Step> steps) {
    Script {
        envs = Set.copyOf(envs);
        trIds = Set.copyOf(trIds);
        steps = List.copyOf(steps);
    }

    /** One line of the script: the verb and its words. */
    record Step(String file, int line, String text, List<String> words) {
        Step {
            words = List.copyOf(words);
        }

        String verb() {
            return words.get(0);
        }

        String where() {
            return file + ":" + line;
        }

        String word(int i) {
            if (i >= words.size()) {
                throw new ScenarioException(where() + ": missing word " + (i + 1) + " in '" + text + "'");
            }
            return words.get(i);
        }
    }

    static Script parse(String name, String text) {
        Set<KisEnv> envs = EnumSet.allOf(KisEnv.class);
        Set<TrIdSet> trIds = EnumSet.allOf(TrIdSet.class);
        List<Step> steps = new ArrayList<>();
        String knownGap = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> words = Arrays.asList(line.split("\\s+"));
            Step step = new Step(name, i + 1, line, words);
            switch (step.verb()) {
                case "envs" -> {
                    header(step, steps);
                    envs = EnumSet.noneOf(KisEnv.class);
                    for (String w : words.subList(1, words.size())) {
                        envs.add(env(step, w));
                    }
                }
                case "trids" -> {
                    header(step, steps);
                    trIds = EnumSet.noneOf(TrIdSet.class);
                    for (String w : words.subList(1, words.size())) {
                        trIds.add(TrIdSet.parse(w)
                                .orElseThrow(() -> new ScenarioException(
                                        step.where() + ": unknown TR-id set '" + w + "' (new or old)")));
                    }
                }
                case "known-gap" -> {
                    header(step, steps);
                    knownGap = line.substring("known-gap".length()).strip();
                }
                default -> {
                    if (!ScenarioRunner.VERBS.contains(step.verb())) {
                        throw new ScenarioException(step.where() + ": unknown command '" + step.verb() + "' (known: "
                                + ScenarioRunner.VERBS + ")");
                    }
                    steps.add(step);
                }
            }
        }
        if (envs.isEmpty() || trIds.isEmpty()) {
            throw new ScenarioException(name + ": envs and trids must each name at least one");
        }
        return new Script(name, envs, trIds, knownGap, steps);
    }

    private static void header(Step step, List<Step> steps) {
        if (!steps.isEmpty()) {
            throw new ScenarioException(step.where() + ": '" + step.verb() + "' belongs before the first step");
        }
        if (step.words().size() < 2) {
            throw new ScenarioException(step.where() + ": '" + step.verb() + "' needs at least one value");
        }
    }

    private static KisEnv env(Step step, String w) {
        return switch (w.toLowerCase(Locale.ROOT)) {
            case "real" -> KisEnv.REAL;
            case "paper" -> KisEnv.PAPER;
            default -> throw new ScenarioException(step.where() + ": unknown environment '" + w + "' (real or paper)");
        };
    }
}
