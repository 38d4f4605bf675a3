package org.engram.learning.continual;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
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
     * @param name            the registry name (YAML key)
     * @param description     one line: what the strategy does
     * @param reference       the paper it follows
     * @param hyperparameters its hyperparameter record, the defaults, and how to build it from a record
     */
    public record Info(String name, String description, String reference, Hyperparameters<?> hyperparameters) {
        /** @return creates the strategy with default hyperparameters */
        public Supplier<ContinualStrategy> defaults() {
            return hyperparameters::createDefault;
        }
    }

    /**
     * The hyperparameters of a strategy: their record type (e.g. {@link Ewc.Params}), its default
     * value, and the constructor that takes it. Configuration readers fill a record of this type
     * and call {@link #create}.
     *
     * @param type     the record class
     * @param defaults the default hyperparameters
     * @param factory  builds the strategy from a record
     * @param <P>      the record type
     */
    public record Hyperparameters<P extends Record>(Class<P> type, P defaults, Function<P, ContinualStrategy> factory) {
        /** @return a new strategy with the default hyperparameters */
        public ContinualStrategy createDefault() {
            return factory.apply(defaults);
        }

        /**
         * Builds the strategy.
         *
         * @param params a record of {@link #type()}
         * @return a new strategy
         * @throws ClassCastException if {@code params} is of another type
         */
        public ContinualStrategy create(Record params) {
            return factory.apply(type.cast(params));
        }
    }

    /** The hyperparameters of a strategy that has none (naive, joint). */
    public record NoParameters() {
    }

    private static Hyperparameters<NoParameters> none(Supplier<ContinualStrategy> create) {
        return new Hyperparameters<>(NoParameters.class, new NoParameters(), p -> create.get());
    }

    private static <P extends Record> Hyperparameters<P> params(Class<P> type, P defaults,
            Function<P, ContinualStrategy> factory) {
        return new Hyperparameters<>(type, defaults, factory);
    }

    private static final List<Info> BUILT_INS = List.of(
            new Info(Naive.NAME, "fine-tune on each task in turn, protect nothing (lower baseline)",
                    "-", none(Naive::new)),
            new Info(Joint.NAME, "train each batch with samples of all earlier tasks too (upper baseline)",
                    "-", none(Joint::new)),
            new Info("ewc", "penalty (lambda/2) sum F (w - w*)^2 with the diagonal Fisher F, one anchor per task",
                    "Kirkpatrick et al. 2017, PNAS 114:3521",
                    params(Ewc.Params.class, Ewc.Params.defaults(), Ewc::new)),
            new Info("online_ewc", "EWC with one running Fisher F <- gamma F + F_new and the latest anchor",
                    "Schwarz et al. 2018, ICML (Progress & compress)",
                    params(Ewc.OnlineParams.class, Ewc.OnlineParams.defaults(), Ewc::new)),
            new Info(SynapticIntelligence.NAME, "penalty c sum Omega (w - w*)^2, Omega each weight's path integral of loss decrease",
                    "Zenke, Poole and Ganguli 2017, ICML", params(SynapticIntelligence.Params.class,
                            SynapticIntelligence.Params.defaults(), SynapticIntelligence::new)),
            new Info(Mas.NAME, "penalty lambda sum Omega (w - w*)^2, Omega each weight's output-norm sensitivity (label-free)",
                    "Aljundi et al. 2018, ECCV", params(Mas.Params.class, Mas.Params.defaults(), Mas::new)),
            new Info(L2Anchor.NAME, "uniform quadratic pull towards the previous task's weights",
                    "Kirkpatrick et al. 2017 (L2 baseline)",
                    params(L2Anchor.Params.class, L2Anchor.Params.defaults(), L2Anchor::new)),
            new Info(Lwf.NAME, "distil the previous network's soft outputs on the new task's inputs: alpha CE at temperature T",
                    "Li and Hoiem 2016, ECCV", params(Lwf.Params.class, Lwf.Params.defaults(), Lwf::new)),
            new Info(Replay.NAME, "mix samples from a bounded reservoir or class-balanced memory into each batch",
                    "Rolnick et al. 2019, NeurIPS; Chaudhry et al. 2019; class-balanced: CBRS, Chrysakis and Moens 2020, ICML",
                    params(Replay.Params.class, Replay.Params.defaults(), Replay::new)),
            new Info(Gpm.NAME, "project updates orthogonal to each layer's SVD basis of old-task activity",
                    "Saha, Garg and Roy 2021, ICLR", params(Gpm.Params.class, Gpm.Params.defaults(), Gpm::new)),
            new Info(Hlop.NAME, "project updates orthogonal to subspaces learned by lateral Hebbian (Oja) neurons",
                    "Xiao et al. 2024, ICLR", params(Hlop.Params.class, Hlop.Params.defaults(), Hlop::new)),
            new Info(Metaplasticity.NAME, "scale updates that shrink |w| by 1 - tanh^2(m w)",
                    "Laborieux et al. 2021, Nat. Commun. 12:2549",
                    params(Metaplasticity.Params.class, Metaplasticity.Params.defaults(), Metaplasticity::new)),
            new Info(ImportanceGating.NAME, "scale each synapse's learning rate by 1 / (1 + c * |dw| gathered in earlier tasks)",
                    "Engram; cf. Zenke et al. 2017, Aljundi et al. 2018", params(ImportanceGating.Params.class,
                            ImportanceGating.Params.defaults(), ImportanceGating::new)));

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
     *   to the protected subspace (a scaling applied after a projection would undo that, and is
     *   refused).</li>
     * </ol>
     * For example {@code chain(replay, ewc, gpm)}. The chain's name joins the members' names with
     * '+'; it is {@link org.engram.learning.io.Checkpointable} (members that are not write nothing).
     *
     * @param strategies one or more strategies (the array is copied)
     * @return the chain
     * @throws ParameterException if an update scaler follows a projection ({@link #misorder})
     */
    public static ContinualStrategy chain(ContinualStrategy... strategies) {
        if (strategies.length == 0) {
            throw new ParameterException("strategies", "chain", "one or more strategies", "none");
        }
        List<String> names = new ArrayList<>();
        for (ContinualStrategy s : strategies) {
            if (s == null) {
                throw new ParameterException("strategies", "chain", "strategies, not null", "null");
            }
            names.addAll(List.of(s.name().split("\\+", -1)));
        }
        String misorder = misorder(names);
        if (misorder != null) {
            throw new ParameterException("strategies", "chain", CHAIN_ORDER_RULE, misorder);
        }
        return new Chain(List.of(strategies));
    }

    /** What {@link #misorder} checks, for messages. */
    public static final String CHAIN_ORDER_RULE = "projections (gpm, hlop) after the update scalers "
            + "(metaplasticity, importance_gating): a scaling applied after a projection undoes its protection";

    /**
     * Finds an update scaler that a chain runs after a projection, which would scale each weight's
     * projected update by its own factor and so bring back components in the protected subspace.
     * Other orders are left to the caller (see {@link #chain}).
     *
     * @param names the members' names in chain order (a nested chain's members in its order)
     * @return the offending pair, e.g. {@code "metaplasticity after gpm"}, or null if there is none
     */
    public static String misorder(List<String> names) {
        String projection = null;
        for (String name : names) {
            if (projection == null && isProjection(name)) {
                projection = name;
            } else if (projection != null && (name.equals(Metaplasticity.NAME) || name.equals(ImportanceGating.NAME))) {
                return name + " after " + projection;
            }
        }
        return null;
    }

    /**
     * The same names with the projections moved to the end, the others keeping their order: the
     * order {@link #misorder} accepts.
     *
     * @param names strategy names in chain order
     * @return a new list
     */
    public static List<String> projectionsLast(List<String> names) {
        List<String> reordered = new ArrayList<>(names);
        reordered.sort(Comparator.comparing(Strategies::isProjection));
        return reordered;
    }

    private static boolean isProjection(String name) {
        return name.equals(Gpm.NAME) || name.equals(Hlop.NAME);
    }
}
