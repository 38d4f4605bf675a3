package org.engram.learning.plasticity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One network of {@code simulator/brian2/plasticity_fixtures.py} as the script wrote it: its description
 * ({@code network.txt}), Brian2's spikes ({@code spikes.csv}), plastic weights ({@code weights.csv}) and, where
 * the description samples them, potentials ({@code v.csv}); where it gives rewards, their times and values.
 * The script's docstring gives the files' format.
 */
final class PlasticityFixture {
    /** A population: its name, model, size, parameters, spike times (spike sources) and bias currents. */
    record PopulationSpec(String name, String model, int size, Map<String, Double> params, List<double[]> times,
                          double[] currentsPa) {
    }

    /** A synapse: source and target neuron, initial weight (mV) and delay in steps. */
    record SynapseSpec(int source, int target, double weight, int delaySteps) {
    }

    /**
     * A projection: its populations and receptor, its plasticity rule by Engram's name ({@code null}:
     * static) and the rule's parameters by their config names, and its synapses in the listed order.
     */
    record ProjectionSpec(String name, String source, String target, boolean inhibitory, String rule,
                          Map<String, String> params, List<SynapseSpec> synapses) {
        double number(String key) {
            String value = params.get(key);
            if (value == null) {
                throw new IllegalStateException("projection " + name + ": no parameter " + key + " in " + params);
            }
            return Double.parseDouble(value);
        }
    }

    /** A sampled potential (mV) after a step. */
    record Sample(String population, int neuron, int step, double vMv) {
    }

    /** A reward, dimensionless, to every {@code reward_stdp} projection at a step's end (ms), after its spikes. */
    record Reward(double timeMs, double reward) {
    }

    /** Brian2's weight (mV) of one plastic synapse at a sample time (ms). */
    record Weight(String projection, int source, int target, double timeMs, double w) {
    }

    final String name;
    double dtMs;
    double durationMs;
    double[] samplesMs;
    final List<PopulationSpec> populations = new ArrayList<>();
    final List<ProjectionSpec> projections = new ArrayList<>();
    /** Brian2's spikes as {@code population,neuron,step}, by step, population and neuron. */
    final List<String> spikes;
    /** Brian2's weights in the file's order; {@link #weightAt} finds one. */
    final List<Weight> weights = new ArrayList<>();
    /** The same weights by projection, synapse and time, each once. */
    private final Map<String, Weight> weightsByKey = new HashMap<>();
    int recordEverySteps;
    /** The neurons whose potential is sampled, by population, in ascending order. */
    final Map<String, List<Integer>> recorded = new LinkedHashMap<>();
    final List<Sample> potentials = new ArrayList<>();
    /** The rewards in the description's order. */
    final List<Reward> rewards = new ArrayList<>();

    private PlasticityFixture(String name) {
        this.name = name;
        List<String> description = lines(name, "network.txt");
        for (int k = 0; k < description.size(); k++) {
            String line = description.get(k);
            try {
                describe(line);
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                throw new IllegalStateException(name + "/network.txt line " + (k + 1) + ": cannot read '" + line
                        + "': " + e.getMessage(), e);
            }
        }
        if (samplesMs == null) {
            throw new IllegalStateException(name + "/network.txt: no samples_ms line (the times of the weights)");
        }
        spikes = dataLines(name, "spikes.csv");
        for (String line : dataLines(name, "weights.csv")) {
            String[] c = line.split(",");
            try {
                Weight weight = new Weight(c[0], Integer.parseInt(c[1]), Integer.parseInt(c[2]),
                        Double.parseDouble(c[3]), Double.parseDouble(c[4]));
                weights.add(weight);
                if (weightsByKey.put(key(weight.projection(), weight.source(), weight.target(), weight.timeMs()),
                        weight) != null) {
                    throw new IllegalStateException(name + "/weights.csv: a second weight of the same synapse and "
                            + "time: '" + line + "'");
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalStateException(name + "/weights.csv: cannot read '" + line + "': " + e.getMessage(),
                        e);
            }
        }
        // Read whenever it is there, so that a description that lost its `record` lines cannot drop the
        // potentials from the comparison unnoticed.
        boolean sampled = !recorded.isEmpty() || exists(name, "v.csv");
        for (String line : sampled ? dataLines(name, "v.csv") : List.<String>of()) {
            String[] c = line.split(",");
            try {
                potentials.add(new Sample(c[0], Integer.parseInt(c[1]), Integer.parseInt(c[2]),
                        Double.parseDouble(c[3])));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalStateException(name + "/v.csv: cannot read '" + line + "': " + e.getMessage(), e);
            }
        }
    }

    /**
     * Reads a fixture from the test resources.
     *
     * @param name the network's folder, e.g. {@code pair_stdp}
     * @return the fixture
     */
    static PlasticityFixture load(String name) {
        return new PlasticityFixture(name);
    }

    /**
     * Brian2's weight of one synapse at one sample time.
     *
     * @param projection the projection's name
     * @param source     the source neuron
     * @param target     the target neuron
     * @param timeMs     the sample time (ms)
     * @return the weight, or {@code null} if {@code weights.csv} has none
     */
    Weight weightAt(String projection, int source, int target, double timeMs) {
        return weightsByKey.get(key(projection, source, target, timeMs));
    }

    private static String key(String projection, int source, int target, double timeMs) {
        return projection + " " + source + "->" + target + " at " + timeMs;
    }

    private void describe(String line) {
        if (line.isBlank() || line.startsWith("#")) {
            return;
        }
        String[] w = line.trim().split("\\s+");
        switch (w[0]) {
            case "dt_ms" -> dtMs = Double.parseDouble(w[1]);
            case "duration_ms" -> durationMs = Double.parseDouble(w[1]);
            case "samples_ms" -> samplesMs = numbers(w, 1);
            case "record_every" -> recordEverySteps = Integer.parseInt(w[1]);
            case "reward" -> rewards.add(new Reward(Double.parseDouble(w[1]), Double.parseDouble(w[2])));
            case "record" -> recorded.computeIfAbsent(w[1], k -> new ArrayList<>()).add(Integer.parseInt(w[2]));
            case "population" -> {
                Map<String, Double> params = new LinkedHashMap<>();
                keyValues(w, 4).forEach((k, v) -> params.put(k, Double.parseDouble(v)));
                populations.add(new PopulationSpec(w[1], w[2], Integer.parseInt(w[3]), params, new ArrayList<>(),
                        null));
            }
            case "times" -> population(w[1]).times().add(numbers(w, 3));
            case "currents" -> {
                PopulationSpec p = population(w[1]);
                populations.set(populations.indexOf(p),
                        new PopulationSpec(p.name(), p.model(), p.size(), p.params(), p.times(), numbers(w, 2)));
            }
            case "projection" -> projections.add(new ProjectionSpec(w[1], w[2], w[3], w[4].equals("inhibitory"),
                    w.length > 5 ? w[5] : null, keyValues(w, 6), new ArrayList<>()));
            default -> {
                // A synapse of the last projection.
                if (w.length != 4 || projections.isEmpty()) {
                    throw new IllegalStateException(name + "/network.txt: unknown line: " + line);
                }
                projections.get(projections.size() - 1).synapses().add(new SynapseSpec(Integer.parseInt(w[0]),
                        Integer.parseInt(w[1]), Double.parseDouble(w[2]), Integer.parseInt(w[3])));
            }
        }
    }

    private PopulationSpec population(String populationName) {
        for (PopulationSpec p : populations) {
            if (p.name().equals(populationName)) {
                return p;
            }
        }
        throw new IllegalStateException(name + "/network.txt: no population " + populationName);
    }

    private static Map<String, String> keyValues(String[] words, int from) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int k = from; k < words.length; k++) {
            String[] kv = words[k].split("=");
            map.put(kv[0], kv[1]);
        }
        return map;
    }

    private static double[] numbers(String[] words, int from) {
        double[] x = new double[words.length - from];
        for (int k = 0; k < x.length; k++) {
            x[k] = Double.parseDouble(words[from + k]);
        }
        return x;
    }

    private static List<String> dataLines(String name, String file) {
        List<String> all = lines(name, file);
        return all.subList(1, all.size());
    }

    private static boolean exists(String name, String file) {
        return PlasticityFixture.class.getResource("brian2/" + name + "/" + file) != null;
    }

    private static List<String> lines(String name, String file) {
        String resource = "brian2/" + name + "/" + file;
        InputStream in = PlasticityFixture.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
