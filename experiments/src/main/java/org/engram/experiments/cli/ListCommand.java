package org.engram.experiments.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.engram.experiments.config.ConfigDocs;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.simulate.PlasticityType;
import org.engram.experiments.simulate.RuleType;
import org.engram.learning.continual.Scenario;
import org.engram.learning.continual.Strategies;
import org.engram.learning.plasticity.PlasticityRules;
import org.engram.learning.train.Surrogate;
import org.engram.simulator.model.NeuronModel;
import org.engram.simulator.model.NeuronModels;
import org.engram.simulator.network.TsodyksMarkram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code engram list}: what can be named in a config, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the available neuron models, learning rules, strategies, datasets, task sequences, "
                + "connectivity, plasticity and short-term plasticity rules and reference networks; "
                + "neuron models, plasticity rules and strategies of your own too, from ENGRAM_CLASSPATH "
                + "(./engram) or the class path.")
public final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final Map<String, String> NETWORKS = new java.util.TreeMap<>(Map.of(
            "brunel", "Brunel (2000) model A, g = 5, eta = 2 (Fig. 8C, asynchronous irregular; engram bench brunel)",
            "coba", "Vogels-Abbott (2005) conductance-based benchmark network (engram bench coba)",
            "cuba", "Vogels-Abbott (2005) current-based benchmark network (engram bench cuba)"));

    /** Learning rules: the surrogate-gradient trainer's surrogates and the local plasticity rules. */
    static final Map<String, String> LEARNING_RULES = learningRules();

    private static Map<String, String> learningRules() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Surrogate s : Surrogate.values()) {
            m.put("bptt/" + s.name().toLowerCase(Locale.ROOT), "surrogate-gradient BPTT with the "
                    + s.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " surrogate (training.surrogate)");
        }
        m.put("pair_stdp", "pair-based STDP, additive or multiplicative, all-to-all or nearest pairing (PairStdp)");
        m.put("triplet_stdp", "triplet STDP of Pfister and Gerstner 2006 (TripletStdp)");
        m.put("vogels_sprekeler", "inhibitory STDP of Vogels, Sprekeler et al. 2011 that holds a neuron at a target"
                + " rate (VogelsSprekeler)");
        m.put("reward_stdp", "reward-modulated STDP with eligibility traces (RewardStdp)");
        m.put("adaptive_threshold", "homeostatic threshold that rises with each spike (AdaptiveThreshold)");
        return m;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Neuron models:");
        for (NeuronModel<?, ?> m : NeuronModels.all()) {
            out.printf("  %-18s %s%n", m.name(), oneLine(m.description(), "no description"));
        }
        for (String problem : NeuronModels.problems()) {
            // Beside the list, not in it: scripts read the list, the user needs to know what is missing.
            spec.commandLine().getErr().println("engram: warning: user neuron model left out: " + problem);
        }
        section(out, "Learning rules (engram run: training.surrogate picks the BPTT surrogate; the STDP rules are"
                + " library classes, org.engram.learning.plasticity, and pair, triplet and Vogels-Sprekeler STDP also"
                + " engram simulate's projections[i].plasticity):", LEARNING_RULES);
        section(out, "Learners (engram run: learner.kind):", enumLines(ExperimentConfig.LearnerKind.values(), Map.of(
                ExperimentConfig.LearnerKind.BPTT, "layered LIF network trained by surrogate-gradient BPTT",
                ExperimentConfig.LearnerKind.DIEHL_COOK, "unsupervised STDP network of Diehl and Cook 2015")));
        section(out, "Scenarios (engram run: tasks.scenario):", enumLines(Scenario.values(), Map.of(
                Scenario.TASK_INCREMENTAL, "the task is given: each task has its own head",
                Scenario.DOMAIN_INCREMENTAL, "one shared head; labels are their position in the task",
                Scenario.CLASS_INCREMENTAL, "every class seen so far competes")));
        out.println("Continual-learning strategies (engram run: strategies[].name; chain with '+'):");
        for (Strategies.Info s : Strategies.list()) {
            out.printf("  %-18s %s; %s; defaults %s%n", s.name(), oneLine(s.description(), "no description"),
                    oneLine(s.reference(), "no reference"), ConfigDocs.defaultParams(s));
        }
        for (String problem : Strategies.problems()) {
            spec.commandLine().getErr().println("engram: warning: user strategy left out: " + problem);
        }
        section(out, "Datasets (engram run: data.dataset):", enumLines(ExperimentConfig.DatasetKind.values(), Map.of(
                ExperimentConfig.DatasetKind.FASHION_MNIST, "28 x 28 grey images of clothing, 10 classes"
                        + " (Xiao, Rasul and Vollgraf 2017); a 3000/1000-image subset is bundled; any folder of IDX"
                        + " files in its layout (data.path), of any image size and up to 256 classes (data.classes)",
                ExperimentConfig.DatasetKind.SYNTHETIC, "seeded noisy binary patterns (tasks.synthetic)")));
        section(out, "Task sequences (engram run: tasks.sequence):", enumLines(ExperimentConfig.SequenceKind.values(),
                Map.of(ExperimentConfig.SequenceKind.SPLIT, "each task holds a group of classes (Split Fashion-MNIST)",
                        ExperimentConfig.SequenceKind.PERMUTED, "each task permutes the pixels its own way"
                                + " (Permuted Fashion-MNIST)",
                        ExperimentConfig.SequenceKind.ROTATED, "each task rotates the images by its own angle",
                        ExperimentConfig.SequenceKind.SYNTHETIC,
                        "each task has its own classes of generated patterns")));
        section(out, "Connectivity rules (engram simulate):", RuleType.descriptions());
        Map<String, String> plasticity = new LinkedHashMap<>(PlasticityType.descriptions());
        for (PlasticityRules.Info r : PlasticityRules.list()) {
            plasticity.put(r.name(), oneLine(r.description(), "no description") + "; defaults "
                    + ConfigDocs.defaultParams(r.parameters().defaults()));
        }
        section(out, "Plasticity rules of projections (engram simulate):", plasticity);
        for (String problem : PlasticityRules.problems()) {
            spec.commandLine().getErr().println("engram: warning: user plasticity rule left out: " + problem);
        }
        section(out, "Short-term plasticity of projections (engram simulate: projections[i].short_term):",
                Map.of(TsodyksMarkram.NAME, TsodyksMarkram.DESCRIPTION + "; defaults "
                        + ConfigDocs.defaultParams(TsodyksMarkram.defaults())));
        section(out, "Reference networks:", NETWORKS);
        out.flush();
        return 0;
    }

    private static <E extends Enum<E>> Map<String, String> enumLines(E[] values, Map<E, String> lines) {
        Map<String, String> m = new LinkedHashMap<>();
        for (E e : values) {
            m.put(e.name().toLowerCase(Locale.ROOT), lines.get(e));
        }
        return m;
    }

    /**
     * A user model's, strategy's or rule's text as part of one line of the list, which scripts read a
     * line an entry: line breaks and the spaces around them become one space.
     *
     * @param text    the text its provider gave, possibly null
     * @param missing what to show for none, in parentheses
     */
    static String oneLine(String text, String missing) {
        if (text == null || text.isBlank()) {
            return "(" + missing + ")";
        }
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static void section(PrintWriter out, String title, Map<String, String> entries) {
        out.println(title);
        for (String key : entries.keySet()) {
            out.printf("  %-18s %s%n", key, entries.get(key));
        }
    }
}
