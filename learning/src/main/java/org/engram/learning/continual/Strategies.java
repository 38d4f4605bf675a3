package org.engram.learning.continual;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.engram.simulator.ParameterException;

/**
 * The built-in strategies by name, with a one-line description and reference each (what
 * {@code engram list} prints), and {@link #chain} to combine strategies.
 */
public final class Strategies {
    /**
     * One built-in strategy.
     *
     * @param name        the registry name (YAML key)
     * @param description one line: what the strategy does
     * @param reference   the paper it follows
     * @param defaults    creates the strategy with default hyperparameters
     */
    public record Info(String name, String description, String reference, Supplier<ContinualStrategy> defaults) {
    }

    private static final List<Info> BUILT_INS = List.of(
            new Info(Naive.NAME, "fine-tune on each task in turn, protect nothing (lower baseline)",
                    "-", Naive::new),
            new Info(Joint.NAME, "train each batch with samples of all earlier tasks too (upper baseline)",
                    "-", Joint::new),
            new Info("ewc", "quadratic penalty weighted by the diagonal Fisher, one anchor per task",
                    "Kirkpatrick et al. 2017, PNAS 114:3521", () -> new Ewc(Ewc.Params.separateDefaults())),
            new Info("online_ewc", "EWC with one running Fisher F <- gamma F + F_new and the latest anchor",
                    "Schwarz et al. 2018, ICML (Progress & compress)", () -> new Ewc(Ewc.Params.onlineDefaults())),
            new Info(SynapticIntelligence.NAME, "quadratic penalty weighted by each weight's path integral of loss decrease",
                    "Zenke, Poole and Ganguli 2017, ICML", () -> new SynapticIntelligence(SynapticIntelligence.Params.defaults())),
            new Info(Mas.NAME, "quadratic penalty weighted by the output-norm sensitivity of each weight (label-free)",
                    "Aljundi et al. 2018, ECCV", () -> new Mas(Mas.Params.defaults())),
            new Info(L2Anchor.NAME, "uniform quadratic pull towards the previous task's weights",
                    "Kirkpatrick et al. 2017 (L2 baseline)", () -> new L2Anchor(L2Anchor.Params.defaults())),
            new Info(Lwf.NAME, "distil the previous network's soft outputs on the new task's inputs",
                    "Li and Hoiem 2016, ECCV", () -> new Lwf(Lwf.Params.defaults())),
            new Info(Replay.NAME, "mix samples from a bounded reservoir or class-balanced memory into each batch",
                    "Rolnick et al. 2019, NeurIPS; Chaudhry et al. 2019", () -> new Replay(Replay.Params.defaults())),
            new Info(Gpm.NAME, "project updates orthogonal to each layer's SVD basis of old-task activity",
                    "Saha, Garg and Roy 2021, ICLR", () -> new Gpm(Gpm.Params.defaults())),
            new Info(Hlop.NAME, "project updates orthogonal to subspaces learned by lateral Hebbian (Oja) neurons",
                    "Xiao et al. 2024, ICLR", () -> new Hlop(Hlop.Params.defaults())),
            new Info(Metaplasticity.NAME, "scale updates that shrink |w| by 1 - tanh^2(m w)",
                    "Laborieux et al. 2021, Nat. Commun. 12:2549", () -> new Metaplasticity(Metaplasticity.Params.defaults())),
            new Info(ImportanceGating.NAME, "scale each synapse's learning rate by 1 / (1 + c * |dw| gathered in earlier tasks)",
                    "Engram; cf. Zenke et al. 2017, Aljundi et al. 2018", () -> new ImportanceGating(ImportanceGating.Params.defaults())));

    private Strategies() {
    }

    /** @return the built-in strategies, in the order {@code engram list} shows them */
    public static List<Info> list() {
        return BUILT_INS;
    }

    /**
     * Looks a built-in strategy up by name.
     *
     * @param name the registry name
     * @return its entry
     * @throws ParameterException if no built-in has that name
     */
    public static Info info(String name) {
        for (Info info : BUILT_INS) {
            if (info.name().equals(name)) {
                return info;
            }
        }
        List<String> names = new ArrayList<>();
        for (Info info : BUILT_INS) {
            names.add(info.name());
        }
        throw new ParameterException("strategies", "name", "one of " + names, name);
    }

    /**
     * Creates a built-in strategy with its default hyperparameters.
     *
     * @param name the registry name
     * @return a new strategy
     * @throws ParameterException if no built-in has that name
     */
    public static ContinualStrategy create(String name) {
        return info(name).defaults().get();
    }

    /**
     * Combines strategies into one whose every hook calls them in the given order.
     *
     * <p>Choose the order by what the hooks change:
     * <ol>
     *   <li>batch composers first (replay, joint, lwf), so every later hook sees the full batch;</li>
     *   <li>penalties (ewc, online_ewc, si, mas, l2) in any order: their gradients add;</li>
     *   <li>update scalers (metaplasticity, importance_gating);</li>
     *   <li>projections (gpm, hlop) last, so the update that reaches the weights is still orthogonal
     *   to the protected subspace (a scaling applied after a projection would undo that).</li>
     * </ol>
     * For example {@code chain(replay, ewc, gpm)}. The chain's name joins the members' names with
     * '+'; it is {@link org.engram.learning.io.Checkpointable} (members that are not write nothing)
     * and answers {@link FreezesNonWeightParameters} for all members.
     *
     * @param strategies one or more strategies (the array is copied)
     * @return the chain
     */
    public static ContinualStrategy chain(ContinualStrategy... strategies) {
        if (strategies.length == 0) {
            throw new ParameterException("strategies", "chain", "one or more strategies", "none");
        }
        for (ContinualStrategy s : strategies) {
            if (s == null) {
                throw new ParameterException("strategies", "chain", "strategies, not null", "null");
            }
        }
        return new Chain(List.of(strategies));
    }
}
