package org.engram.experiments.simulate;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.engram.experiments.config.ConfigLoader;
import org.engram.experiments.config.KeysByType;
import org.engram.experiments.config.ProjectionNames;
import org.engram.experiments.config.RegisteredName;
import org.engram.experiments.config.TakenAsWritten;
import org.engram.learning.plasticity.Pairing;
import org.engram.learning.plasticity.WeightDependence;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Suggestions;
import org.engram.simulator.engine.Mode;
import org.engram.simulator.engine.TimeGrid;
import org.engram.simulator.model.ParameterRecords;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.network.Synapses;
import org.engram.simulator.network.TsodyksMarkram;

/**
 * A network simulation as written in YAML for {@code engram simulate}: populations, projections,
 * inputs, duration, threads, seed and what to record. Missing optional keys take the defaults
 * given per component; the resolved config (defaults filled in) is written to the result folder.
 *
 * @param name        the simulation's name (result folder {@code results/<name>/<run-id>})
 * @param dtMs        time step in ms (default 0.1)
 * @param durationMs  simulated time in ms
 * @param seed        the seed of every random stream (default 1)
 * @param threads     worker threads (default 1); results do not depend on it
 * @param mode        {@code grid} (default) or {@code precise}
 * @param populations the populations
 * @param projections the projections (default none)
 * @param inputs      Poisson and current inputs (default none)
 * @param record      what to record (default: spikes of every population, rates in 1 ms bins)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SimulationConfig(String name, Double dtMs, Double durationMs, Long seed, Integer threads, Mode mode,
                               List<PopulationSpec> populations, List<ProjectionSpec> projections,
                               List<InputSpec> inputs, RecordSpec record) {
    /**
     * Fills defaults.
     *
     * @param name        the simulation's name (result folder {@code results/<name>/<run-id>})
     * @param dtMs        time step in ms (default 0.1)
     * @param durationMs  simulated time in ms
     * @param seed        the seed of every random stream (default 1)
     * @param threads     worker threads (default 1); results do not depend on it
     * @param mode        {@code grid} (default) or {@code precise}
     * @param populations the populations
     * @param projections the projections (default none)
     * @param inputs      Poisson and current inputs (default none)
     * @param record      what to record (default: spikes of every population, rates in 1 ms bins)
     */
    public SimulationConfig {
        name = name == null ? "simulation" : name;
        dtMs = dtMs == null ? TimeGrid.DEFAULT_DT_MS : dtMs;
        seed = seed == null ? 1L : seed;
        threads = threads == null ? 1 : threads;
        mode = mode == null ? Mode.GRID : mode;
        populations = populations == null ? List.of() : List.copyOf(populations);
        projections = projections == null ? List.of() : List.copyOf(projections);
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        record = record == null ? new RecordSpec(null, null, null, null, null, null, null) : record;
    }

    /**
     * A population.
     *
     * @param name    unique name
     * @param size    number of neurons
     * @param model   model name (see {@code engram list})
     * @param params  model parameters; omitted ones take the model's defaults
     * @param initial initial values of state variables: a number, or a distribution
     *                ({@code {uniform: [low, high]}}, {@code {normal: [mean, sd]}})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PopulationSpec(String name, int size,
                                 @JsonDeserialize(using = RegisteredName.class) String model, JsonNode params,
                                 Map<String, JsonNode> initial) {
        /**
         * Fills defaults; an empty entry ({@code params:}, {@code v:}) is a key left out, as elsewhere in the file.
         *
         * @param name    unique name
         * @param size    number of neurons
         * @param model   model name (see {@code engram list})
         * @param params  model parameters; omitted ones take the model's defaults
         * @param initial initial values of state variables: a number, or a distribution
         *                ({@code {uniform: [low, high]}}, {@code {normal: [mean, sd]}})
         */
        public PopulationSpec {
            params = given(params);
            // In the order written: problems are reported, and config.yaml written, in that order.
            Map<String, JsonNode> values = new LinkedHashMap<>();
            if (initial != null) {
                initial.forEach((variable, value) -> {
                    if (given(value) != null) {
                        values.put(variable, value);
                    }
                });
            }
            initial = Collections.unmodifiableMap(values);
        }
    }

    /**
     * A projection.
     *
     * @param name     name (default {@code source->target})
     * @param source   source population
     * @param target   target population
     * @param rule     connectivity rule
     * @param receptor {@code excitatory} (default) or {@code inhibitory}
     * @param weight   a number or a distribution (the target model's weight unit: mV, pA or nS)
     * @param delayMs  a number of ms (default 1.0) or a distribution
     * @param plastic  null when not given; true alone is refused ({@code plasticity} makes a projection
     *                 plastic and names its rule), and false beside a rule too
     * @param plasticity the plasticity rule of the projection's weights, or null for static synapses
     * @param shortTerm  the short-term depression and facilitation of the synapses, or null for none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProjectionSpec(String name, String source, String target, RuleSpec rule, Receptor receptor,
                                 JsonNode weight, JsonNode delayMs, Boolean plastic, PlasticitySpec plasticity,
                                 ShortTermSpec shortTerm) {
        /**
         * Fills defaults.
         *
         * @param name       name (default {@code source->target})
         * @param source     source population
         * @param target     target population
         * @param rule       connectivity rule
         * @param receptor   {@code excitatory} (default) or {@code inhibitory}
         * @param weight     a number or a distribution (the target model's weight unit: mV, pA or nS)
         * @param delayMs    a number of ms (default 1.0) or a distribution
         * @param plastic    null when not given; true alone is refused ({@code plasticity} makes a projection
         *                   plastic and names its rule), and false beside a rule too
         * @param plasticity the plasticity rule of the projection's weights, or null for static synapses
         * @param shortTerm  the short-term depression and facilitation of the synapses, or null for none
         */
        public ProjectionSpec {
            name = name == null && source != null && target != null ? ProjectionNames.byDefault(source, target) : name;
            receptor = receptor == null ? Receptor.EXCITATORY : receptor;
            // An empty entry is a key left out: a missing weight is refused, a missing delay is the default,
            // and config.yaml shows the value used rather than null.
            weight = given(weight);
            delayMs = given(delayMs) == null ? DoubleNode.valueOf(Synapses.DEFAULT_DELAY_MS) : delayMs;
        }
    }

    /**
     * The short-term plasticity of a projection's synapses: the {@code tsodyks_markram} model, each
     * parameter left out taking NEST's default ({@link TsodyksMarkram#defaults()}), which the resolved
     * config shows.
     *
     * @param type   {@code tsodyks_markram}
     * @param u      U, the utilisation increment at each spike, in (0, 1] (default 0.5)
     * @param tauRec the time constant of recovery of resources in ms (default 800)
     * @param tauFac the time constant of the decay of facilitation in ms, 0 for none (default 0)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @KeysByType(SpecKeys.OfShortTerm.class)
    public record ShortTermSpec(@JsonDeserialize(using = RegisteredName.class) String type, Double u, Double tauRec,
                                Double tauFac) {
        /**
         * Fills the defaults of the model named.
         *
         * @param type   {@code tsodyks_markram}
         * @param u      U, the utilisation increment at each spike, in (0, 1] (default 0.5)
         * @param tauRec the time constant of recovery of resources in ms (default 800)
         * @param tauFac the time constant of the decay of facilitation in ms, 0 for none (default 0)
         */
        public ShortTermSpec {
            if (TsodyksMarkram.NAME.equals(type)) {
                TsodyksMarkram defaults = TsodyksMarkram.defaults();
                u = u == null ? defaults.u() : u;
                tauRec = tauRec == null ? defaults.tauRec() : tauRec;
                tauFac = tauFac == null ? defaults.tauFac() : tauFac;
            }
        }
    }

    /** A value given in the file, or null for one left out or left empty (YAML's null). */
    private static JsonNode given(JsonNode value) {
        return value == null || value.isNull() ? null : value;
    }

    /**
     * A plasticity rule and its parameters, in the weight unit of the projection's target model and
     * in ms: a built-in rule ({@link PlasticityType}) reads the typed components, a user rule
     * ({@link org.engram.learning.plasticity.PlasticityRuleProvider}) takes every key beside
     * {@code type} as written, in {@code parameters}, which its parameter record checks.
     *
     * @param type       a {@link PlasticityType#configName()}, e.g. {@code pair_stdp}, or a user rule's name
     * @param aPlus      pair_stdp: potentiation amplitude
     * @param aMinus     pair_stdp: depression amplitude
     * @param tauPlus    presynaptic trace time constant (ms)
     * @param tauMinus   postsynaptic trace time constant (ms)
     * @param wMin       lowest weight
     * @param wMax       highest weight
     * @param dependence pair_stdp: additive or multiplicative
     * @param pairing    pair_stdp: all_to_all or nearest
     * @param a2Plus     triplet_stdp: pair potentiation amplitude
     * @param a3Plus     triplet_stdp: triplet potentiation amplitude
     * @param a2Minus    triplet_stdp: pair depression amplitude
     * @param a3Minus    triplet_stdp: triplet depression amplitude
     * @param tauX       triplet_stdp: slow presynaptic trace time constant (ms)
     * @param tauY       triplet_stdp: slow postsynaptic trace time constant (ms)
     * @param tau        vogels_sprekeler: time constant of both traces (ms)
     * @param eta        vogels_sprekeler: learning rate
     * @param alpha      vogels_sprekeler: depression offset {@code 2 rho0 tau}, rho0 per ms (0.2 for 5 Hz, 20 ms)
     * @param targetRateHz vogels_sprekeler: target postsynaptic rate rho0 (Hz), instead of {@code alpha}
     * @param parameters a user rule: its keys and values as written, in order; empty for a built-in rule
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @KeysByType(SpecKeys.OfPlasticity.class)
    @TakenAsWritten(when = PlasticitySpec.OfUserRule.class)
    public record PlasticitySpec(String type, Double aPlus, Double aMinus, Double tauPlus, Double tauMinus,
                                 Double wMin, Double wMax, WeightDependence dependence, Pairing pairing,
                                 Double a2Plus, Double a3Plus, Double a2Minus, Double a3Minus, Double tauX,
                                 Double tauY, Double tau, Double eta, Double alpha, Double targetRateHz,
                                 @JsonIgnore Map<String, JsonNode> parameters) {
        /**
         * Copies the parameters, keeping their order; null stands for none.
         *
         * @param type         a {@link PlasticityType#configName()}, e.g. {@code pair_stdp}, or a user rule's name
         * @param aPlus        pair_stdp: potentiation amplitude
         * @param aMinus       pair_stdp: depression amplitude
         * @param tauPlus      presynaptic trace time constant (ms)
         * @param tauMinus     postsynaptic trace time constant (ms)
         * @param wMin         lowest weight
         * @param wMax         highest weight
         * @param dependence   pair_stdp: additive or multiplicative
         * @param pairing      pair_stdp: all_to_all or nearest
         * @param a2Plus       triplet_stdp: pair potentiation amplitude
         * @param a3Plus       triplet_stdp: triplet potentiation amplitude
         * @param a2Minus      triplet_stdp: pair depression amplitude
         * @param a3Minus      triplet_stdp: triplet depression amplitude
         * @param tauX         triplet_stdp: slow presynaptic trace time constant (ms)
         * @param tauY         triplet_stdp: slow postsynaptic trace time constant (ms)
         * @param tau          vogels_sprekeler: time constant of both traces (ms)
         * @param eta          vogels_sprekeler: learning rate
         * @param alpha        vogels_sprekeler: depression offset {@code 2 rho0 tau}, rho0 per ms (0.2 for 5 Hz, 20 ms)
         * @param targetRateHz vogels_sprekeler: target postsynaptic rate rho0 (Hz), instead of {@code alpha}
         * @param parameters   a user rule: its keys and values as written, in order; empty for a built-in rule
         */
        public PlasticitySpec {
            parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }

        /**
         * A user rule's entry.
         *
         * @param type       the rule's name
         * @param parameters its keys and values, in order
         * @return the entry
         */
        public static PlasticitySpec ofUserRule(String type, Map<String, JsonNode> parameters) {
            return new PlasticitySpec(type, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, parameters);
        }

        /**
         * Which mappings are a user rule's, taken as written: a {@code type} that names no built-in rule, also a
         * number or true/false, which the check of the rule's name refuses with the names to choose from
         * ({@link RegisteredName}).
         */
        public static final class OfUserRule implements Predicate<ObjectNode> {
            @Override
            public boolean test(ObjectNode entry) {
                JsonNode type = entry.path("type");
                return (type.isTextual() || type.isNumber() || type.isBoolean())
                        && PlasticityType.byConfigName(type.asText()) == null;
            }
        }

        /**
         * Reads an entry: a user rule's keys as written; a built-in rule's by its components (the config
         * reader has checked each key on its own first, and refused any other).
         */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static PlasticitySpec read(ObjectNode entry) throws JsonProcessingException {
            if (new OfUserRule().test(entry)) {
                Map<String, JsonNode> parameters = new LinkedHashMap<>();
                entry.fields().forEachRemaining(f -> parameters.put(f.getKey(), f.getValue()));
                parameters.remove("type");
                return ofUserRule(entry.get("type").asText(), parameters);
            }
            RecordComponent[] components = PlasticitySpec.class.getRecordComponents();
            List<String> keys = ParameterRecords.names(PlasticitySpec.class);
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int k = 0; k < components.length; k++) {
                types[k] = components[k].getType();
                JsonNode value = entry.get(keys.get(k));
                boolean typed = k < components.length - 1;   // the last, parameters, is a user rule's
                values[k] = !typed || value == null || value.isNull() ? null
                        : ConfigLoader.mapper().treeToValue(value, types[k]);
            }
            entry.fieldNames().forEachRemaining(key -> {
                if (!keys.subList(0, keys.size() - 1).contains(key)) {
                    throw new IllegalArgumentException("unknown key '" + key + "'");
                }
            });
            try {
                return PlasticitySpec.class.getDeclaredConstructor(types).newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make a PlasticitySpec", e);
            }
        }

        /** @return a user rule's keys, written beside {@code type} as they were read */
        @JsonAnyGetter
        Map<String, JsonNode> parametersAsKeys() {
            return parameters;
        }
    }

    /**
     * A connectivity rule.
     *
     * @param type      a {@link RuleType#configName()}, e.g. {@code fixed_in_degree}
     * @param p         connection probability (fixed_probability)
     * @param k         degree (fixed in/out degree)
     * @param n         synapses in all (fixed total number)
     * @param autapses  allow self-connections (default true)
     * @param multapses allow repeated pairs (default true)
     * @param sources   source indices (explicit)
     * @param targets   target indices (explicit)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @KeysByType(SpecKeys.OfRule.class)
    public record RuleSpec(@JsonDeserialize(using = RegisteredName.class) String type, Double p, Integer k, Long n,
                           Boolean autapses, Boolean multapses, int[] sources, int[] targets) {
    }

    /**
     * An input.
     *
     * @param type         {@code poisson}, {@code current}, {@code noise} or {@code sinusoidal}
     * @param target       target population
     * @param rateHz       Poisson: rate of each neuron's train (Hz), constant from time 0
     * @param weight       Poisson: weight of each event
     * @param receptor     Poisson: receptor (default excitatory)
     * @param neurons      neurons that receive the input (default all; {@link StateSpec#ALL_NEURONS} for {@code all})
     * @param timesMs      current, and Poisson with a changing rate: change times (ms)
     * @param ratesHz      Poisson with a changing rate: rate from each change time on (Hz)
     * @param amplitudesPa current: amplitude from each change time on (pA)
     * @param meanPa       noise: mean current (pA, default 0)
     * @param stdPa        noise: standard deviation of each step's current (pA)
     * @param amplitudePa  constant current: a number, or a distribution drawn once per neuron (pA);
     *                     sinusoidal: the amplitude, a number (pA)
     * @param frequencyHz  sinusoidal: the frequency (Hz)
     * @param phaseDeg     sinusoidal: the phase at time 0 (degrees, default 0)
     * @param offsetPa     sinusoidal: the constant current added (pA, default 0)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @KeysByType(SpecKeys.OfInput.class)
    public record InputSpec(@JsonDeserialize(using = RegisteredName.class) String type, String target, Double rateHz,
                            Double weight, Receptor receptor,
                            @JsonDeserialize(using = NeuronsReader.class) @JsonSerialize(using = NeuronsWriter.class)
                            int[] neurons, double[] timesMs, double[] ratesHz, double[] amplitudesPa, Double meanPa,
                            Double stdPa, JsonNode amplitudePa, Double frequencyHz, Double phaseDeg,
                            Double offsetPa) {
        /**
         * Fills defaults.
         *
         * @param type         {@code poisson}, {@code current}, {@code noise} or {@code sinusoidal}
         * @param target       target population
         * @param rateHz       Poisson: rate of each neuron's train (Hz), constant from time 0
         * @param weight       Poisson: weight of each event
         * @param receptor     Poisson: receptor (default excitatory)
         * @param neurons      neurons that receive the input (default all; {@link StateSpec#ALL_NEURONS}
         *                     for {@code all})
         * @param timesMs      current, and Poisson with a changing rate: change times (ms)
         * @param ratesHz      Poisson with a changing rate: rate from each change time on (Hz)
         * @param amplitudesPa current: amplitude from each change time on (pA)
         * @param meanPa       noise: mean current (pA, default 0)
         * @param stdPa        noise: standard deviation of each step's current (pA)
         * @param amplitudePa  constant current: a number, or a distribution drawn once per neuron (pA);
         *                     sinusoidal: the amplitude, a number (pA)
         * @param frequencyHz  sinusoidal: the frequency (Hz)
         * @param phaseDeg     sinusoidal: the phase at time 0 (degrees, default 0)
         * @param offsetPa     sinusoidal: the constant current added (pA, default 0)
         */
        public InputSpec {
            InputType kind = InputType.byConfigName(type);
            receptor = receptor == null && kind == InputType.POISSON ? Receptor.EXCITATORY : receptor;
            if (kind == InputType.NOISE) {
                meanPa = meanPa == null ? 0.0 : meanPa;
            } else if (kind == InputType.SINUSOIDAL) {
                phaseDeg = phaseDeg == null ? 0.0 : phaseDeg;
                offsetPa = offsetPa == null ? 0.0 : offsetPa;
            }
            amplitudePa = given(amplitudePa);
        }

        /** {@return the neurons the input goes into, {@code null} for all (the default, or {@code all})} */
        public int[] neuronsOrAll() {
            return neurons == StateSpec.ALL_NEURONS ? null : neurons;
        }
    }

    /**
     * What to record.
     *
     * @param spikes    populations whose spikes are recorded (default all)
     * @param rateBinMs bin of the population rate in ms (default 1)
     * @param state     sampled state variables
     * @param synapses  projections whose synapses are written out (default none)
     * @param fromMs    when spikes and rates start to be recorded, and the summary's statistics with
     *                  them, in ms (default 0: the whole run); a start-up transient before it is
     *                  simulated but left out
     * @param spikeNeurons how many neurons of each population in {@code spikes} have their spikes
     *                  recorded, the first ones (default: every neuron); rates count every neuron
     * @param weights   plastic projections whose weights are sampled during the run (default none)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecordSpec(List<String> spikes, Double rateBinMs, List<StateSpec> state, List<String> synapses,
                             Double fromMs, Integer spikeNeurons, List<WeightSpec> weights) {
        /** The rate bin when none is given (ms). */
        public static final double DEFAULT_RATE_BIN_MS = 1.0;

        /**
         * Fills defaults.
         *
         * @param spikes       populations whose spikes are recorded (default all)
         * @param rateBinMs    bin of the population rate in ms (default 1)
         * @param state        sampled state variables
         * @param synapses     projections whose synapses are written out (default none)
         * @param fromMs       when spikes and rates start to be recorded, and the summary's statistics with
         *                     them, in ms (default 0: the whole run); a start-up transient before it is
         *                     simulated but left out
         * @param spikeNeurons how many neurons of each population in {@code spikes} have their spikes
         *                     recorded, the first ones (default: every neuron); rates count every neuron
         * @param weights      plastic projections whose weights are sampled during the run (default none)
         */
        public RecordSpec {
            rateBinMs = rateBinMs == null ? DEFAULT_RATE_BIN_MS : rateBinMs;
            fromMs = fromMs == null ? 0.0 : fromMs;
            state = state == null ? List.of() : List.copyOf(state);
            synapses = synapses == null ? List.of() : List.copyOf(synapses);
            weights = weights == null ? List.of() : List.copyOf(weights);
        }
    }

    /**
     * The weights of a plastic projection sampled over the run: their mean, standard deviation,
     * minimum and maximum, and the weight of each synapse listed, at time 0, every interval and at the end.
     * An entry may be the projection's name alone, which takes every default.
     *
     * @param projection the projection's name
     * @param intervalMs the sampling interval in ms (default {@link #DEFAULT_INTERVAL_MS})
     * @param synapses   synapses whose own weight is written, by their index: the data row (from 0) of the
     *                   projection's {@code synapses_<name>.csv} (default none)
     * @param pairs      synapses whose own weight is written, by their {@code [source, target]} neurons
     *                   (the first synapse of the pair, by index), listed after {@code synapses} (default none)
     * @param sample     how many synapses besides those listed to draw at random, without repetition, from
     *                   a stream of the seed (default 0: none)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WeightSpec(String projection, Double intervalMs, int[] synapses, int[][] pairs, Integer sample) {
        /** The interval when none is given (ms). */
        public static final double DEFAULT_INTERVAL_MS = 1.0;

        /**
         * Fills defaults.
         *
         * @param projection the projection's name
         * @param intervalMs the sampling interval in ms (default {@link #DEFAULT_INTERVAL_MS})
         * @param synapses   synapses whose own weight is written, by their index: the data row (from 0) of the
         *                   projection's {@code synapses_<name>.csv} (default none)
         * @param pairs      synapses whose own weight is written, by their {@code [source, target]} neurons
         *                   (the first synapse of the pair, by index), listed after {@code synapses} (default none)
         * @param sample     how many synapses besides those listed to draw at random, without repetition, from
         *                   a stream of the seed (default 0: none)
         */
        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public WeightSpec {
            intervalMs = intervalMs == null ? DEFAULT_INTERVAL_MS : intervalMs;
            synapses = synapses == null ? new int[0] : synapses.clone();
            pairs = pairs == null ? new int[0][] : pairs.clone();
            sample = sample == null ? 0 : sample;
        }

        /**
         * An entry given as the projection's name alone ({@code weights: [exc->inh]}), as {@code record.spikes}
         * and {@code record.synapses} take names: every other key takes its default.
         *
         * @param projection the projection's name
         * @return the entry
         */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static WeightSpec named(String projection) {
            return new WeightSpec(projection, null, null, null, null);
        }

        /**
         * {@return how many synapses' own weights are written at most: those listed by index and by pair, and
         * those drawn (a negative count of them counted as none)}
         */
        public int listedCount() {
            return synapses.length + pairs.length + Math.max(0, sample);
        }
    }

    /**
     * A sampled state variable.
     *
     * @param population population
     * @param variable   variable name, e.g. {@code v}
     * @param neurons    neurons to sample (ascending; default neuron 0), or {@link #ALL_NEURONS} ({@code all})
     * @param intervalMs sampling interval in ms (default dt)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StateSpec(String population, String variable,
                            @JsonDeserialize(using = NeuronsReader.class) @JsonSerialize(using = NeuronsWriter.class)
                            int[] neurons, Double intervalMs) {
        /** {@code neurons: all}, told apart from every list by identity. */
        public static final int[] ALL_NEURONS = new int[0];

        /** {@return whether every neuron of the population is sampled ({@code neurons: all})} */
        public boolean allNeurons() {
            return neurons == ALL_NEURONS;
        }

        /**
         * {@return the neurons sampled: those given, all of them, or neuron 0}
         *
         * @param populationSize the neurons of the recorded population
         */
        public int[] neuronsOf(int populationSize) {
            if (allNeurons()) {
                return IntStream.range(0, populationSize).toArray();
            }
            return neurons != null ? neurons : new int[] {0};
        }

        /**
         * How many neurons are sampled, as {@link #neuronsOf} lists them, counted without listing them: the list
         * of {@code neurons: all} in a population of a billion filled the heap before its size could be refused.
         *
         * @param populationSize the neurons of the recorded population
         * @return the number of neurons sampled
         */
        public int neuronCount(int populationSize) {
            return allNeurons() ? populationSize : neurons != null ? neurons.length : 1;
        }

        /**
         * {@return the sampling interval in ms: the one given, or one step}
         *
         * @param dtMs the time step (ms)
         */
        public double intervalMsOr(double dtMs) {
            return intervalMs != null ? intervalMs : dtMs;
        }
    }

    /** Reads {@code record.state[].neurons}: a list of indices, or {@code all}. */
    static final class NeuronsReader extends StdDeserializer<int[]> {
        private static final long serialVersionUID = 1L;

        NeuronsReader() {
            super(int[].class);
        }

        @Override
        public int[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                if ("all".equals(p.getText())) {
                    return StateSpec.ALL_NEURONS;
                }
                throw new ParameterException("neurons", null, "a list of neuron indices, or all",
                        "the text \"" + p.getText() + "\"", Suggestions.didYouMean(p.getText(), List.of("all")));
            }
            return ctxt.readValue(p, int[].class);
        }
    }

    /** Writes {@code record.state[].neurons} back as read: {@code all}, or the list. */
    static final class NeuronsWriter extends StdSerializer<int[]> {
        private static final long serialVersionUID = 1L;

        NeuronsWriter() {
            super(int[].class);
        }

        @Override
        public void serialize(int[] neurons, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (neurons == StateSpec.ALL_NEURONS) {
                gen.writeString("all");
            } else {
                gen.writeArray(neurons, 0, neurons.length);
            }
        }
    }
}
