package org.engram.experiments.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.RealDistribution;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.LeftOutKeys;
import org.engram.experiments.config.ValueSpecs;
import org.engram.simulator.EngramException;
import org.engram.simulator.Suggestions;
import org.engram.simulator.engine.EngineChecks;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.input.ConstantCurrents;
import org.engram.simulator.input.CurrentSource;
import org.engram.simulator.input.NoiseCurrent;
import org.engram.simulator.input.SinusoidalCurrent;
import org.engram.simulator.input.PoissonInput;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;

/**
 * Checks and adds the inputs of a simulation config (Poisson, current, noise and sinusoidal), and locates at
 * an input's key an error the engine finds in one.
 */
final class InputsFromConfig {
    private final SimulationConfig config;
    private final String source;
    /** The keys left out for their problems (already reported): an entry that holds one is not built. */
    private final LeftOutKeys leftOut;
    private final EntryChecks checks;
    private final PopulationsFromConfig populations;

    /**
     * @param config      the config
     * @param source      the config file's name, for messages
     * @param leftOut     the keys left out of the config for their problems (already reported)
     * @param checks      the checks the entries share
     * @param populations the config's populations, by name
     */
    InputsFromConfig(SimulationConfig config, String source, LeftOutKeys leftOut, EntryChecks checks,
                     PopulationsFromConfig populations) {
        this.config = config;
        this.source = source;
        this.leftOut = leftOut;
        this.checks = checks;
        this.populations = populations;
    }

    /**
     * Checks an input's entry and adds the input when the entry has no problem.
     *
     * @param grid the config's own time grid, or null when its step or mode has a problem: what depends
     *             on them is not checked
     * @param path the entry's key path, e.g. {@code inputs[0]}
     * @throws ConfigException naming the entry's problems
     */
    void add(NetworkBuilder b, TimeGrid grid, SimulationConfig.InputSpec in, String path) {
        // The target's problem, and every value the type needs and is missing, and a bad rate, at
        // once; the values need no target.
        List<ConfigException> problems = new ArrayList<>();
        Population<?, ?> target = EntryChecks.collect(() -> populations.population(in.target(), path + ".target"),
                problems);
        InputType type = EntryChecks.collect(() -> type(in, path), problems);
        int beforeUnread = problems.size();
        if (type != null) {
            // A key the type does not read is one problem; the values it reads are still checked.
            EntryChecks.collect(() -> {
                checks.rejectUnusedKeys(in, type.keys(), "input type " + type.configName(), path);
                return null;
            }, problems);
        }
        int unreadKeys = problems.size() - beforeUnread;
        if (type == InputType.POISSON) {
            collectRateProblems(in, path, problems);
            EntryChecks.collect(() -> weight(in, path), problems);
        } else if (type == InputType.CURRENT) {
            collectAmplitudeProblems(in, path, problems);
        } else if (type == InputType.NOISE) {
            EntryChecks.collect(() -> checks.requireForType(in.stdPa(), path + ".std_pa", "a noise input"),
                    problems);
        } else if (type == InputType.SINUSOIDAL) {
            EntryChecks.collect(() -> sinusoidAmplitude(in, path), problems);
            EntryChecks.collect(() -> checks.requireForType(in.frequencyHz(), path + ".frequency_hz",
                    "a sinusoidal input"), problems);
        }
        // Beside keys the type does not read alone, the input is still built, so that its values' own
        // checks are reported with them.
        if (problems.size() > unreadKeys) {
            throw ConfigException.all(problems);
        }
        // A target not built for its parameters' problems: the input is checked against its stand-in.
        Population<?, ?> checked = target != null || in.target() == null ? target : populations.standIn(in.target());
        // The input's checks would depend on a key it reads that was left out (an unknown one does not count).
        if (checked == null || type.keys().stream().anyMatch(key -> leftOut.covers(path + "." + key))) {
            if (!problems.isEmpty()) {
                throw ConfigException.all(problems);
            }
            return;
        }
        EntryChecks.collect(() -> {
            build(b, grid, in, path, type, target, checked);
            return null;
        }, problems);
        if (!problems.isEmpty()) {
            throw ConfigException.all(problems);
        }
    }

    /**
     * Makes the input of an entry whose keys the checks above passed, and adds it unless its target is a
     * stand-in; an error the input finds is placed at its key.
     */
    private void build(NetworkBuilder b, TimeGrid grid, SimulationConfig.InputSpec in, String path, InputType type,
                       Population<?, ?> target, Population<?, ?> checked) {
        try {
            switch (type) {
                case POISSON -> {
                    PoissonInput poisson = in.ratesHz() == null
                            ? new PoissonInput(checked, in.neuronsOrAll(), in.rateHz(), in.weight(), in.receptor())
                            : new PoissonInput(checked, in.neuronsOrAll(), in.timesMs(), in.ratesHz(), in.weight(),
                                    in.receptor());
                    if (grid != null && target != null) {
                        b.poissonInput(poisson);   // which puts its change times on the grid
                    } else if (grid != null) {
                        poisson.changeSteps(grid);
                    }
                }
                case CURRENT -> addCurrent(b, grid, in, path, checked, target != null);
                case NOISE -> {
                    NoiseCurrent noise = new NoiseCurrent(checked, in.neuronsOrAll(), in.meanPa(), in.stdPa());
                    if (target != null) {
                        b.noise(noise);
                    }
                }
                case SINUSOIDAL -> {
                    SinusoidalCurrent wave = new SinusoidalCurrent(checked, in.neuronsOrAll(),
                            in.amplitudePa().asDouble(), in.frequencyHz(), in.phaseDeg(), in.offsetPa());
                    if (target != null) {
                        b.sinusoid(wave);
                    }
                }
            }
        } catch (ConfigException e) {
            throw e;
        } catch (EngramException e) {
            throw ConfigException.placedEach(e, source, path);
        }
    }

    /** A sinusoidal input's amplitude, which must be a number. */
    private Double sinusoidAmplitude(SimulationConfig.InputSpec in, String path) {
        JsonNode amplitude = checks.requireForType(in.amplitudePa(), path + ".amplitude_pa", "a sinusoidal input");
        if (!amplitude.isNumber()) {
            throw ConfigException.ofForm(source, path + ".amplitude_pa", "a number (pA)",
                    ConfigException.asFound(amplitude), null);
        }
        return amplitude.asDouble();
    }

    /**
     * Adds a current input: a schedule of {@code times_ms} and {@code amplitudes_pa}, or a constant
     * {@code amplitude_pa}, a number (the schedule of one amplitude from time 0), a list of one per
     * neuron, or a distribution drawn once per neuron.
     *
     * @param checked the target, or its stand-in when the target has a problem of its own
     * @param add     whether to add the input (false: the target is a stand-in, the input is only checked)
     */
    private void addCurrent(NetworkBuilder b, TimeGrid grid, SimulationConfig.InputSpec in, String path,
                            Population<?, ?> checked, boolean add) {
        if (in.amplitudePa() != null) {
            String key = path + ".amplitude_pa";
            if (in.amplitudePa().isArray()) {
                ConstantCurrents currents = listedCurrents(checked, in.neuronsOrAll(), in.amplitudePa(), key);
                if (add) {
                    b.constantCurrents(currents);
                }
                return;
            }
            if (!in.amplitudePa().isNumber() && !in.amplitudePa().isObject()) {
                throw ConfigException.ofForm(source, key, "a number, a list of one per neuron or a distribution such"
                        + " as {normal: [mean, sd]}", ConfigException.asFound(in.amplitudePa()), null);
            }
            Double constant = ValueSpecs.constant(in.amplitudePa(), 0, source, key);
            if (constant == null) {
                RealDistribution draw = ValueSpecs.distribution(in.amplitudePa(), source, key);
                if (add) {
                    b.constantCurrents(checked, in.neuronsOrAll(), draw);
                } else {
                    ConstantCurrents.amplitudeCount(checked, in.neuronsOrAll());
                }
                return;
            }
            CurrentSource current;
            try {
                current = new CurrentSource(checked, in.neuronsOrAll(), new double[] {0}, new double[] {constant});
            } catch (EngramException e) {
                throw atAmplitudeKey(e, key, "amplitudes_pa[0]");
            }
            addSchedule(b, grid, current, add);
            return;
        }
        addSchedule(b, grid, new CurrentSource(checked, in.neuronsOrAll(), in.timesMs(), in.amplitudesPa()), add);
    }

    /**
     * Constant currents of a list of amplitudes, one per neuron that receives one: the currents' own
     * checks of its length and values, named at the config's key.
     */
    private ConstantCurrents listedCurrents(Population<?, ?> target, int[] neurons, JsonNode list, String key) {
        double[] amplitudes = new double[list.size()];
        for (int k = 0; k < amplitudes.length; k++) {
            JsonNode v = list.get(k);
            if (!v.isNumber()) {
                throw ConfigException.ofForm(source, key + "[" + k + "]", "a number (pA)",
                        ConfigException.asFound(v), null);
            }
            amplitudes[k] = v.asDouble();
        }
        try {
            return new ConstantCurrents(target, neurons, amplitudes);
        } catch (EngramException e) {
            throw atAmplitudeKey(e, key, "amplitudes_pa");
        }
    }

    /**
     * A current's refusal of its amplitudes at the config's key {@code amplitude_pa}: the currents name them
     * {@code amplitudes_pa}, and a constant amplitude is their schedule's one ({@code amplitudes_pa[0]}).
     *
     * @param theirs the currents' name of what the key holds; what follows it is kept (an index in a list)
     * @return the refusal at the key, or {@code e} when it is of something else
     */
    private EngramException atAmplitudeKey(EngramException e, String key, String theirs) {
        if (e.location() == null || !e.location().startsWith(theirs)) {
            return e;
        }
        return ConfigException.placed(e, source, key + e.location().substring(theirs.length()), null);
    }

    private static void addSchedule(NetworkBuilder b, TimeGrid grid, CurrentSource current, boolean add) {
        if (grid != null && add) {
            b.current(current);   // which puts its change times on the grid
        } else if (grid != null) {
            current.changeSteps(grid);
        }
    }

    /**
     * Collects the problems of a current input's amplitude: a constant {@code amplitude_pa}, or a
     * schedule of {@code times_ms} and {@code amplitudes_pa}, one or the other.
     */
    private void collectAmplitudeProblems(SimulationConfig.InputSpec in, String path, List<ConfigException> problems) {
        if (in.amplitudePa() == null) {
            EntryChecks.collect(() -> checks.require(in.timesMs(), path + ".times_ms", "a current input without "
                    + "amplitude_pa"), problems);
            EntryChecks.collect(() -> checks.require(in.amplitudesPa(), path + ".amplitudes_pa", "a current input "
                    + "without amplitude_pa"), problems);
        } else if (in.timesMs() != null || in.amplitudesPa() != null) {
            problems.add(new ConfigException(source, path + ".amplitude_pa", "either amplitude_pa (a constant "
                    + "current, or a distribution drawn per neuron) or times_ms with amplitudes_pa (a current that "
                    + "changes), not both", in.amplitudePa() + " beside " + (in.timesMs() != null ? "times_ms"
                    : "amplitudes_pa"), null));
        }
    }

    /** An input's type. */
    private InputType type(SimulationConfig.InputSpec in, String path) {
        InputType type = InputType.byConfigName(in.type());
        if (type == null) {
            List<String> names = Arrays.stream(InputType.values()).map(InputType::configName).toList();
            String nest = NestTypeNames.hint(NestTypeNames.INPUTS, in.type());
            throw ConfigException.ofForm(source, path + ".type", "one of " + names, in.type() == null
                    ? "nothing (the key is required)" : in.type(), in.type() == null ? null
                    : nest != null ? nest : Suggestions.didYouMean(in.type(), names));
        }
        return type;
    }

    /**
     * Collects the problems of a Poisson input's rate: a constant {@code rate_hz}, or a schedule of
     * {@code times_ms} and {@code rates_hz} (checked element by element when the input is made),
     * one or the other.
     */
    private void collectRateProblems(SimulationConfig.InputSpec in, String path, List<ConfigException> problems) {
        if (in.timesMs() == null && in.ratesHz() == null) {
            EntryChecks.collect(() -> rate(in, path + ".rate_hz"), problems);
            return;
        }
        if (in.rateHz() != null) {
            problems.add(new ConfigException(source, path + ".rate_hz", "either rate_hz (a constant rate) or "
                    + "times_ms with rates_hz (a rate that changes), not both", in.rateHz() + " beside times_ms "
                    + "or rates_hz", null));
        }
        EntryChecks.collect(() -> checks.require(in.timesMs(), path + ".times_ms", "a poisson input with rates_hz"),
                problems);
        EntryChecks.collect(() -> checks.require(in.ratesHz(), path + ".rates_hz", "a poisson input with times_ms"),
                problems);
    }

    /**
     * A Poisson input's weight, required and checked against its receptor by the input's own rule.
     *
     * @param path the entry's key path
     */
    private Double weight(SimulationConfig.InputSpec in, String path) {
        String key = path + ".weight";
        Double weight = checks.requireForType(in.weight(), key, "a poisson input");
        // A receptor left out for its problem stands as the default, whose sign says nothing of the weight's.
        if (!leftOut.covers(path + ".receptor")) {
            try {
                PoissonInput.requireWeight(in.target(), weight, in.receptor());
            } catch (EngramException e) {
                throw ConfigException.placed(e, source, key, null);
            }
        }
        return weight;
    }

    /** A Poisson input's constant rate, required and checked by the input's own rule. */
    private Double rate(SimulationConfig.InputSpec in, String path) {
        Double rate = checks.requireForType(in.rateHz(), path, "a poisson input");
        try {
            PoissonInput.requireRate(in.target(), rate);
        } catch (EngramException e) {
            throw ConfigException.placed(e, source, path, null);
        }
        return rate;
    }

    /**
     * Adds the engine's refusal of each current input (a current source, constant currents, noise or a sinusoid)
     * that the config's mode cannot feed into its target (precise mode: a model whose exact kernel
     * takes no injected current), at {@code mode}: found here, it is reported with the config's other
     * problems, not after them. Called only when the step and mode are the config's own; a target
     * with a problem of its own is left to it.
     */
    void requireCurrentInputsFit(TimeGrid grid, List<ConfigException> problems) {
        List<SimulationConfig.InputSpec> inputs = config.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            SimulationConfig.InputSpec in = inputs.get(i);
            InputType type = InputType.byConfigName(in.type());
            Population<?, ?> target = populations.built(in.target());
            // A model without exact propagation is refused in precise mode at its population, and one
            // that takes no input (a spike source) in either mode at the input's target.
            if (type != null && type != InputType.POISSON && target != null
                    && target.supportsExactPropagation() && target.model().takesInput()) {
                try {
                    EngineChecks.requireCurrentInputFits(target, config.mode(), grid, currentKind(type, in));
                } catch (EngramException e) {
                    problems.add(ConfigException.placed(e, source, "mode", e.found() + " (inputs[" + i + "])", null));
                }
            }
        }
    }

    /** What a current input is, as the engine names it. */
    private static String currentKind(InputType type, SimulationConfig.InputSpec in) {
        return switch (type) {
            case NOISE -> "a noise current";
            case SINUSOIDAL -> "a sinusoidal current";
            default -> in.amplitudePa() != null ? "constant currents" : "a current source";
        };
    }

    /**
     * The key of the Poisson input whose rate the engine refused, e.g. {@code inputs[2].rates_hz[1]}.
     *
     * @param e the engine's error
     * @return the key, or null when no Poisson input's rate was the value refused
     */
    String rateKey(EngramException e) {
        String key = null;
        List<SimulationConfig.InputSpec> inputs = config.inputs();
        for (int i = 0; key == null && i < inputs.size(); i++) {
            SimulationConfig.InputSpec in = inputs.get(i);
            if (InputType.byConfigName(in.type()) == InputType.POISSON
                    && ("poisson input to '" + in.target() + "'").equals(e.source())) {
                String rate = rateKeyOf(in, e.found());
                key = rate == null ? null : "inputs[" + i + "]." + rate;
            }
        }
        return key;
    }

    /** The key of a Poisson input's rate ({@code rate_hz} or {@code rates_hz[k]}) written as {@code found}, or null. */
    private static String rateKeyOf(SimulationConfig.InputSpec in, String found) {
        if (in.rateHz() != null && String.valueOf(in.rateHz()).equals(found)) {
            return "rate_hz";
        }
        double[] rates = in.ratesHz();
        for (int k = 0; rates != null && k < rates.length; k++) {
            if (String.valueOf(rates[k]).equals(found)) {
                return "rates_hz[" + k + "]";
            }
        }
        return null;
    }
}
