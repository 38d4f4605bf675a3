package org.engram.experiments.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.engram.experiments.simulate.SimulationConfig;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.model.NeuronModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code engram list}: what can be named in a config, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the available neuron models, connectivity rules and reference networks.")
public final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final Map<String, String> NETWORKS = new java.util.TreeMap<>(Map.of(
            "brunel", "Brunel (2000) network A, asynchronous-irregular regime (engram bench brunel)",
            "cuba", "Vogels-Abbott (2005) current-based benchmark network (engram bench cuba)"));

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Neuron models:");
        for (NeuronModel<?, ?> m : NeuronModels.all()) {
            out.printf("  %-18s %s%n", m.name(), m.description());
        }
        section(out, "Connectivity rules:", SimulationConfig.RuleSpec.TYPES);
        section(out, "Reference networks:", NETWORKS);
        out.flush();
        return 0;
    }

    private static void section(PrintWriter out, String title, Map<String, String> entries) {
        out.println(title);
        for (String key : entries.keySet()) {
            out.printf("  %-18s %s%n", key, entries.get(key));
        }
    }
}
