package org.engram.experiments.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.engram.experiments.launch.LaunchCommand;

/**
 * Tells a config written for the other command apart ({@code engram simulate} given an experiment,
 * {@code engram run} given a network), so that it is refused in one line naming the command that
 * takes it rather than with a list of unknown keys.
 */
public final class OtherCommandConfig {
    /** An {@code engram run} config: its own top-level keys, and those that make one. */
    public static final Other RUN = new Other("run", Set.of("tasks", "strategies", "training", "encoder",
            "learner", "network", "data", "energy", "seeds"), Set.of("tasks", "strategies"));
    /** An {@code engram simulate} config: its own top-level keys, and the one that makes one. */
    public static final Other SIMULATE = new Other("simulate", Set.of("populations", "projections", "inputs",
            "record", "dt_ms", "duration_ms", "mode", "seed"), Set.of("populations"));

    /**
     * The configs of a command, told apart by their top-level keys.
     *
     * @param subcommand the command, e.g. {@code simulate}
     * @param keys       the top-level keys only its configs have
     * @param defining   those of them without which a config is not taken for one of its (a run
     *                   config with the typos {@code seed} and {@code mode} is not a simulation)
     */
    public record Other(String subcommand, Set<String> keys, Set<String> defining) {
    }

    private OtherCommandConfig() {
    }

    /**
     * {@return one refusal naming that command when two or more top-level keys are unknown, all of
     * them the other command's and one of them a defining one, else null}
     *
     * @param problems the problems found in the config
     * @param source   the config file as named in messages
     * @param self     the command reading the config, e.g. {@code engram run}
     * @param other    the other command's configs
     */
    public static ConfigException of(List<ConfigException> problems, String source, String self, Other other) {
        List<String> unknown = new ArrayList<>();
        for (ConfigException p : problems) {
            String key = p.location();
            if (key == null || key.contains(".") || key.contains("[") || p.kind() != ConfigException.Kind.UNKNOWN_KEY) {
                continue;
            }
            if (!other.keys().contains(key)) {
                return null;
            }
            unknown.add(key);
        }
        if (unknown.size() < 2 || unknown.stream().noneMatch(other.defining()::contains)) {
            return null;
        }
        return new ConfigException(source, null, "a config of " + self, "a config of engram " + other.subcommand()
                + " (" + String.join(", ", unknown) + ")", "use: "
                + LaunchCommand.withFile(other.subcommand(), source));
    }
}
