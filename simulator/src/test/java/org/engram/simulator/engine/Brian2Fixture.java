package org.engram.simulator.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.engram.simulator.network.TsodyksMarkram;

/**
 * One network of {@code simulator/brian2/spike_fixtures.py} (or {@code substep_fixtures.py}, which writes
 * the same files) as the script wrote it: its description ({@code network.txt}), and Brian2's spikes
 * ({@code spikes.csv}), potentials ({@code v.csv}) and any other variables sampled ({@code w.csv}). The
 * script's docstring gives the files' format.
 */
final class Brian2Fixture {
    /** A population: its name, model, size, parameters, spike times (spike sources) and bias currents. */
    record PopulationSpec(String name, String model, int size, Map<String, Double> params, List<double[]> times,
                          double[] currentsPa) {
    }

    /** A synapse between two neurons, its weight (mV or pA) and its delay in steps. */
    record SynapseSpec(String sourcePopulation, int source, String targetPopulation, int target, double weight,
                       int delaySteps) {
    }

    /** Tsodyks-Markram short-term plasticity on the synapses from one population to another. */
    record ShortTermSpec(String sourcePopulation, String targetPopulation, TsodyksMarkram dynamics) {
    }

    /** A sampled value of a variable (v in mV, w in pA) after a step. */
    record Sample(String population, int neuron, int step, double value) {
    }

    final String name;
    double dtMs;
    double durationMs;
    int recordEverySteps;
    /**
     * The substeps a step of Brian2's reference run, which Engram's scheme does not follow step for step
     * (then {@code spikes.csv} also holds each spike's time); 0 when Brian2 took Engram's steps.
     */
    int referenceSubsteps;
    final List<PopulationSpec> populations = new ArrayList<>();
    final List<SynapseSpec> synapses = new ArrayList<>();
    final List<ShortTermSpec> shortTerm = new ArrayList<>();
    final Map<String, List<Integer>> recorded = new LinkedHashMap<>();
    /**
     * Brian2's spikes as {@code population,neuron,step}, in the script's order (by step); a reference's as
     * {@code population,neuron,step,time_ms}, by time.
     */
    final List<String> spikes = new ArrayList<>();
    /** The variables sampled, {@code v} and those of a {@code variables} line, each with its samples from its file. */
    final Map<String, List<Sample>> samples = new LinkedHashMap<>(Map.of("v", new ArrayList<>()));
    /** The populations of the synapses that follow a {@code synapses SOURCE TARGET} line. */
    private String synapseSource;
    private String synapseTarget;

    private Brian2Fixture(String name) {
        this.name = name;
    }

    /**
     * Reads a fixture from the test resources.
     *
     * @param name the network's folder, e.g. {@code lif_delta_small}
     * @return the fixture
     */
    static Brian2Fixture load(String name) {
        Brian2Fixture f = new Brian2Fixture(name);
        List<String> description = lines(name, "network.txt");
        for (int k = 0; k < description.size(); k++) {
            String line = description.get(k);
            try {
                f.describe(line);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                // A damaged fixture should say where, not only which number failed to parse.
                throw new IllegalStateException(name + "/network.txt line " + (k + 1) + ": cannot read '" + line
                        + "': " + e.getMessage(), e);
            }
        }
        for (String line : dataLines(name, "spikes.csv")) {
            f.spikes.add(line);
        }
        f.samples.forEach((variable, list) -> {
            String file = variable + ".csv";
            for (String line : dataLines(name, file)) {
                String[] c = line.split(",");
                try {
                    list.add(new Sample(c[0], Integer.parseInt(c[1]), Integer.parseInt(c[2]),
                            Double.parseDouble(c[3])));
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new IllegalStateException(name + "/" + file + ": cannot read '" + line + "': "
                            + e.getMessage(), e);
                }
            }
        });
        return f;
    }

    private void describe(String line) {
        if (line.isBlank() || line.startsWith("#")) {
            return;
        }
        String[] w = line.trim().split("\\s+");
        switch (w[0]) {
            case "dt_ms" -> dtMs = Double.parseDouble(w[1]);
            case "duration_ms" -> durationMs = Double.parseDouble(w[1]);
            case "record_every" -> recordEverySteps = Integer.parseInt(w[1]);
            case "reference_substeps" -> referenceSubsteps = Integer.parseInt(w[1]);
            case "population" -> {
                Map<String, Double> params = new LinkedHashMap<>();
                for (int k = 4; k < w.length; k++) {
                    String[] kv = w[k].split("=");
                    params.put(kv[0], Double.parseDouble(kv[1]));
                }
                populations.add(new PopulationSpec(w[1], w[2], Integer.parseInt(w[3]), params, new ArrayList<>(),
                        null));
            }
            case "times" -> population(w[1]).times().add(numbers(w, 3));
            case "currents" -> {
                PopulationSpec p = population(w[1]);
                populations.set(populations.indexOf(p),
                        new PopulationSpec(p.name(), p.model(), p.size(), p.params(), p.times(), numbers(w, 2)));
            }
            case "synapses" -> {
                synapseSource = w[1];
                synapseTarget = w[2];
            }
            case "short_term" -> shortTerm.add(new ShortTermSpec(w[1], w[2], new TsodyksMarkram(
                    Double.parseDouble(w[3]), Double.parseDouble(w[4]), Double.parseDouble(w[5]))));
            case "variables" -> {
                for (int k = 1; k < w.length; k++) {
                    samples.put(w[k], new ArrayList<>());
                }
            }
            case "record" -> recorded.computeIfAbsent(w[1], k -> new ArrayList<>()).add(Integer.parseInt(w[2]));
            default -> {
                // A synapse of the last `synapses SOURCE TARGET` line.
                if (w.length != 4 || synapseSource == null) {
                    throw new IllegalStateException(name + "/network.txt: unknown line: " + line);
                }
                synapses.add(new SynapseSpec(synapseSource, Integer.parseInt(w[0]), synapseTarget,
                        Integer.parseInt(w[1]), Double.parseDouble(w[2]), Integer.parseInt(w[3])));
            }
        }
    }

    PopulationSpec population(String populationName) {
        for (PopulationSpec p : populations) {
            if (p.name().equals(populationName)) {
                return p;
            }
        }
        throw new IllegalStateException(name + "/network.txt: no population " + populationName);
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

    private static List<String> lines(String name, String file) {
        String resource = "brian2/" + name + "/" + file;
        InputStream in = Brian2Fixture.class.getResourceAsStream(resource);
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
