package org.engram.experiments.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tells a config written for the other command apart ({@code engram simulate} given an experiment,
 * {@code engram run} given a network), so that it is refused in one line naming the command that
 * takes it rather than with a list of unknown keys.
 */
public final class OtherCommandConfig {
    /** Top-level keys only an {@code engram run} config has. */
    public static final Set<String> RUN_KEYS = Set.of("tasks", "strategies", "training", "encoder", "learner", "network",
            "data", "energy", "seeds");
    /** Top-level keys only an {@code engram simulate} config has. */
    public static final Set<String> SIMULATE_KEYS = Set.of("populations", "projections", "inputs", "record", "dt_ms",
            "duration_ms", "mode", "seed");

    private OtherCommandConfig() {
    }

    /**
     * @param problems  the problems found in the config
     * @param source    the config file as named in messages
     * @param otherKeys the top-level keys of the other command's configs
     * @param self      the command reading the config, e.g. {@code engram run}
     * @param command   the other command, e.g. {@code engram simulate}
     * @return one refusal naming that command when two or more top-level keys are unknown and all
     *         of them are the other command's, else null
     */
    public static ConfigException of(List<ConfigException> problems, String source, Set<String> otherKeys, String self,
                                     String command) {
        List<String> unknown = new ArrayList<>();
        for (ConfigException p : problems) {
            String key = p.location();
            if (key == null || key.contains(".") || key.contains("[") || p.found() == null
                    || !p.found().startsWith("unknown key")) {
                continue;
            }
            if (!otherKeys.contains(key)) {
                return null;
            }
            unknown.add(key);
        }
        if (unknown.size() < 2) {
            return null;
        }
        return new ConfigException(source, null, "a config of " + self,
                "a config of " + command + " (" + String.join(", ", unknown) + ")", "use: " + command + " " + source);
    }
}
