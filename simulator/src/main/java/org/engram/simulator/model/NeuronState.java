package org.engram.simulator.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Suggestions;

/**
 * The state of a population's neurons: one primitive array per state variable.
 *
 * <p>Subclasses create their arrays with {@link #variable(String, String)}, which also makes them
 * recordable by name (for example {@code "v"} in mV), so monitors never need to know the model.
 */
public abstract class NeuronState {
    private final int size;
    private final Map<String, double[]> recordables = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();
    private int revision;

    /**
     * Creates the state of {@code size} neurons.
     *
     * @param size number of neurons, {@code >= 1}
     */
    protected NeuronState(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("population size must be >= 1, found " + size);
        }
        this.size = size;
    }

    /**
     * Creates and registers a recordable state variable. Its values must stay finite numbers,
     * with no NaN as a mark of "none" ({@link #firstNonFinite}); keep such marks in an array of
     * one's own.
     *
     * @param name the variable's name, e.g. {@code "v"}: a letter, then letters, digits or {@code _}, as a
     *             config's {@code initial:} key and a CSV file's header write it
     * @param unit its unit, e.g. {@code "mV"} ({@code "1"} for a dimensionless one)
     * @return a new array of {@link #size()} zeros
     * @throws ParameterException if the name or the unit is not of that form, or the name is registered already
     *                            (by a class the state extends, such as {@code IntegrateAndFireState}'s
     *                            {@code v}), naming the state's class
     */
    protected final double[] variable(String name, String unit) {
        // Refused here, in the model's own code: a null name failed later in variableNames(), and an
        // empty one or one with a comma made CSV headers that read back with other columns.
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new ParameterException(owner(), "variable", "a name of a letter, then letters, digits or _",
                    name == null ? "null" : "'" + name + "'");
        }
        if (unit == null || unit.isBlank()) {
            throw new ParameterException(owner(), name + " unit", "a unit (\"1\" for none)",
                    unit == null ? "null" : "'" + unit + "'");
        }
        if (recordables.containsKey(name)) {
            // Most often a class this state extends registered it already (IntegrateAndFireState's v), and the
            // subclass's own field of that name hides the registered array from the model's code.
            throw new ParameterException(owner(), "variable", "a name not registered before (this state, with the"
                    + " classes it extends, registers " + recordables.keySet() + ")", "'" + name + "'",
                    "use the array the class that registered it holds");
        }
        double[] values = new double[size];
        recordables.put(name, values);
        units.put(name, unit);
        return values;
    }

    /** {@return the number of neurons} */
    public final int size() {
        return size;
    }

    /** {@return the names of the recordable variables, in registration order} */
    public final List<String> variableNames() {
        return List.copyOf(recordables.keySet());
    }

    /**
     * The live array of a recordable variable (writes change the state).
     *
     * @param name the variable name
     * @return the array, one element per neuron
     * @throws ParameterException if the model has no such variable
     */
    public final double[] values(String name) {
        double[] values = recordables.get(name);
        if (values == null) {
            throw new ParameterException(owner(), "variable", "one of " + recordables.keySet(),
                    name, Suggestions.didYouMean(name, recordables.keySet()));
        }
        return values;
    }

    /** The state's class for messages, with the model class it is nested in: {@code LifExp.State}. */
    private String owner() {
        Class<?> type = getClass();
        Class<?> outer = type.getEnclosingClass();
        String name = type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
        return outer == null ? name : outer.getSimpleName() + "." + name;
    }

    /**
     * The unit of a recordable variable.
     *
     * @param name the variable name
     * @return the unit, e.g. {@code "mV"}
     */
    public final String unit(String name) {
        values(name);
        return units.get(name);
    }

    /**
     * Seeds the per-neuron random streams of a state that has any (spike sources, noisy models).
     * Called once by the network builder; the default does nothing. A model of one's own draws its
     * noise from {@code RandomStreams.of(seed, Purpose.MODEL_NOISE, firstGlobalNeuron + i)} for
     * neuron i, one stream per neuron, so its results do not depend on the thread count.
     *
     * @param seed               the network seed
     * @param firstGlobalNeuron  the network-wide index of neuron 0 of this population
     */
    public void seedStreams(long seed, int firstGlobalNeuron) {
    }

    /**
     * Moves what the state holds on an engine's clock (the step of a scheduled event) onto the
     * clock of a new engine, which starts at its own step 0 where the earlier ones stopped.
     * Engines call it when they take over a network that earlier engines ran; the default does
     * nothing, as the built-in models keep no steps.
     *
     * @param steps the grid steps all earlier engines simulated together
     */
    public void continueAfter(long steps) {
    }

    /**
     * Checks state beyond the recordable variables that code may have written between runs and
     * that the kernels rely on (the refractory counts of the LIF models, for instance); engines call
     * it before every run. The default checks nothing.
     *
     * @param population the population's name, for messages
     * @throws ParameterException naming the variable, the neuron and the rule
     */
    public void requireValid(String population) {
    }

    /**
     * A recordable value that is not finite, where {@link #firstNonFinite} found it.
     *
     * @param variable the variable's name, e.g. {@code "v"}
     * @param neuron   the neuron
     * @param value    the value: NaN or an infinity
     * @param unit     the variable's unit
     */
    public record NonFinite(String variable, int neuron, double value, String unit) {
        /** {@return the value's place as messages name it, e.g. {@code "v[12]"}} */
        public String place() {
            return variable + "[" + neuron + "]";
        }
    }

    /**
     * Finds a recordable value that is not a finite number. No model's state may hold one: NaN
     * spreads through every later update and silences the neuron without a word, and an infinity soon
     * makes NaN. Engines refuse it before a run and report it
     * after the run that made it, so a model need not check for it.
     *
     * @return the first (variables in registration order, then by neuron), or null when there is none
     */
    public final NonFinite firstNonFinite() {
        for (Map.Entry<String, double[]> e : recordables.entrySet()) {
            double[] values = e.getValue();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    return new NonFinite(e.getKey(), i, values[i], units.get(e.getKey()));
                }
            }
        }
        return null;
    }

    /**
     * Tells the engine that this state changed between runs beyond its recordable variables (new
     * spike times, for instance): precise mode then restarts the population's neurons at the
     * current time and drops their predicted crossings. Changes to recordable variables are
     * noticed without this call.
     */
    protected final void changed() {
        revision++;
    }

    /** {@return how often {@link #changed} was called; engines compare it between runs} */
    public final int revision() {
        return revision;
    }

    /** {@return a read-only map from variable name to live array} */
    public final Map<String, double[]> recordables() {
        return Collections.unmodifiableMap(recordables);
    }
}
