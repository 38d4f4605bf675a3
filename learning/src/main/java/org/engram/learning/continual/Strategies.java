package org.engram.learning.continual;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.engram.simulator.EngramException;
import org.engram.simulator.NameClaims;
import org.engram.simulator.ParameterException;
import org.engram.simulator.PlugIns;
import org.engram.simulator.Suggestions;

/**
 * The strategies by name, built-in and user ones ({@link StrategyProvider}), with a one-line
 * description and reference each (what {@code engram list} prints), and {@link #chain} to combine
 * strategies.
 */
public final class Strategies {
    /** What a strategy's hooks change, which fixes its place in a chain ({@link #chain}). */
    public enum Role {
        /** Protects nothing (naive fine-tuning). */
        BASELINE,
        /** Adds samples or targets to each batch (replay, er_ace, der, joint, lwf): first in a chain. */
        BATCH_COMPOSER,
        /** Adds a penalty's gradient (ewc, si, mas, l2): after the composers, in any order. */
        PENALTY,
        /** Scales each weight's update by its own factor (metaplasticity, importance_gating). */
        UPDATE_SCALER,
        /** Projects updates out of a protected subspace (gpm, hlop): after every update scaler. */
        PROJECTION,
        /**
         * Projects the whole gradient before the optimiser (agem, gem): its hook runs after every penalty and
         * before every update hook whatever its place in a chain, so any place will do.
         */
        GRADIENT_PROJECTION
    }

    /**
     * One strategy of the registry.
     *
     * @param name            the registry name (YAML key)
     * @param description     one line: what the strategy does
     * @param reference       the paper it follows
     * @param role            what its hooks change, which fixes its place in a chain
     * @param hyperparameters its hyperparameter record, the defaults, and how to build it from a record
     */
    public record Info(String name, String description, String reference, Role role,
                       Hyperparameters<?> hyperparameters) {
        /** {@return creates the strategy with default hyperparameters} */
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
        /**
         * {@return a new strategy with the default hyperparameters}
         *
         * @throws IllegalStateException if the factory returns null
         */
        public ContinualStrategy createDefault() {
            return create(defaults);
        }

        /**
         * Builds the strategy.
         *
         * @param params a record of {@link #type()}
         * @return a new strategy
         * @throws ClassCastException    if {@code params} is of another type
         * @throws IllegalStateException if the factory returns null
         */
        public ContinualStrategy create(Record params) {
            ContinualStrategy strategy = factory.apply(type.cast(params));
            if (strategy == null) {
                throw new IllegalStateException("the factory given with the hyperparameters " + type.getName()
                        + " returned null, not a strategy");
            }
            return strategy;
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
                    "-", Role.BASELINE, none(Naive::new)),
            new Info(Joint.NAME, "train each batch with samples of all earlier tasks too (upper baseline)",
                    "-", Role.BATCH_COMPOSER, none(Joint::new)),
            new Info("ewc", "penalty (lambda/2) sum F (w - w*)^2 with the diagonal Fisher F (empirical: true labels;"
                    + " sampled: labels drawn from the network's prediction), one anchor per task",
                    "Kirkpatrick et al. 2017, PNAS 114:3521",
                    Role.PENALTY, params(Ewc.Params.class, Ewc.Params.defaults(), Ewc::new)),
            new Info("online_ewc", "EWC with one running Fisher F <- gamma F + F_new and the latest anchor,"
                    + " penalty weighed by gamma",
                    "Schwarz et al. 2018, ICML (Progress & compress)",
                    Role.PENALTY, params(Ewc.OnlineParams.class, Ewc.OnlineParams.defaults(), Ewc::new)),
            new Info(SynapticIntelligence.NAME,
                    "penalty c sum Omega (w - w*)^2, Omega each weight's path integral of loss decrease",
                    "Zenke, Poole and Ganguli 2017, ICML", Role.PENALTY, params(SynapticIntelligence.Params.class,
                            SynapticIntelligence.Params.defaults(), SynapticIntelligence::new)),
            new Info(Mas.NAME,
                    "penalty lambda sum Omega (w - w*)^2, Omega each weight's output-norm sensitivity (label-free)",
                    "Aljundi et al. 2018, ECCV", Role.PENALTY,
                    params(Mas.Params.class, Mas.Params.defaults(), Mas::new)),
            new Info(L2Anchor.NAME,
                    "uniform quadratic pull towards the previous task's weights (not of readout units no task trained)",
                    "Kirkpatrick et al. 2017 (L2 baseline)",
                    Role.PENALTY, params(L2Anchor.Params.class, L2Anchor.Params.defaults(), L2Anchor::new)),
            new Info(Lwf.NAME,
                    "distil the previous network's soft outputs on the new task's inputs: alpha CE at temperature T",
                    "Li and Hoiem 2016, ECCV", Role.BATCH_COMPOSER,
                    params(Lwf.Params.class, Lwf.Params.defaults(), Lwf::new)),
            new Info(Replay.NAME, "mix samples from a bounded reservoir or class-balanced memory into each batch",
                    "Rolnick et al. 2019, NeurIPS; Chaudhry et al. 2019; "
                            + "class-balanced: CBRS, Chrysakis and Moens 2020, ICML",
                    Role.BATCH_COMPOSER, params(Replay.Params.class, Replay.Params.defaults(), Replay::new)),
            new Info(ErAce.NAME, "replay from the second task on, its samples' mean loss added to the batch's;"
                    + " class-incrementally, the incoming samples' cross-entropy covers only their batch's classes",
                    "Caccia, Aljundi, Asadi, Tuytelaars, Pineau and Belilovsky 2022, ICLR (ER-ACE)",
                    Role.BATCH_COMPOSER, params(ErAce.Params.class, ErAce.Params.defaults(), ErAce::new)),
            new Info(Der.NAME, "replay a reservoir of past samples with the logits they were trained with:"
                    + " alpha MSE to the stored logits, plus beta CE on their labels (DER++)",
                    "Buzzega, Boschini, Porrello, Abati and Calderara 2020, NeurIPS (DER, DER++)",
                    Role.BATCH_COMPOSER, params(Der.Params.class, Der.Params.defaults(), Der::new)),
            new Info(Agem.NAME, "project each step's gradient so it does not oppose the mean gradient of samples"
                    + " of finished tasks in an episodic memory",
                    "Chaudhry, Ranzato, Rohrbach and Elhoseiny 2019, ICLR (A-GEM)", Role.GRADIENT_PROJECTION,
                    params(Agem.Params.class, Agem.Params.defaults(), Agem::new)),
            new Info(Gem.NAME, "project each step's gradient, by a quadratic program, so it opposes none of the mean"
                    + " gradients of the earlier tasks' samples in an episodic memory, one per task",
                    "Lopez-Paz and Ranzato 2017, NeurIPS (GEM)", Role.GRADIENT_PROJECTION,
                    params(Gem.Params.class, Gem.Params.defaults(), Gem::new)),
            new Info(Gpm.NAME, "project updates orthogonal to each layer's SVD basis of old-task activity",
                    "Saha, Garg and Roy 2021, ICLR", Role.PROJECTION,
                    params(Gpm.Params.class, Gpm.Params.defaults(), Gpm::new)),
            new Info(Hlop.NAME, "project updates orthogonal to subspaces learned by lateral Hebbian (Oja) neurons",
                    "Xiao et al. 2024, ICLR", Role.PROJECTION,
                    params(Hlop.Params.class, Hlop.Params.defaults(), Hlop::new)),
            new Info(Metaplasticity.NAME, "scale updates that shrink |w| by 1 - tanh^2(m w)",
                    "Laborieux et al. 2021, Nat. Commun. 12:2549",
                    Role.UPDATE_SCALER,
                    params(Metaplasticity.Params.class, Metaplasticity.Params.defaults(), Metaplasticity::new)),
            new Info(ImportanceGating.NAME,
                    "scale each synapse's learning rate by 1 / (1 + c * |dw| gathered in earlier tasks)",
                    "Engram; cf. Zenke et al. 2017, Aljundi et al. 2018", Role.UPDATE_SCALER,
                    params(ImportanceGating.Params.class, ImportanceGating.Params.defaults(),
                            ImportanceGating::new)));

    private Strategies() {
    }

    /**
     * Every known strategy: the built-in ones in the order {@code engram list} shows them, then
     * those of {@link StrategyProvider}s on the class path that load and have a name of their own,
     * in class-path order. {@link #problems()} says which did not.
     *
     * @return an unmodifiable list
     */
    public static List<Info> list() {
        return List.copyOf(load().usable().values());
    }

    /**
     * What is wrong with the strategy providers on the class path: one that cannot be loaded (a
     * class missing, compiled against another Engram, code that throws), with a name a config cannot
     * write, that reuses a built-in's name (the built-in keeps it) or whose name another provider's
     * strategy has too (neither is used: class-path order is no choice a config could repeat; the
     * rules are {@link NameClaims}'), or whose hyperparameters a config cannot write. A broken
     * provider leaves the other strategies usable, so these are reported where they matter: by
     * {@code engram list}, and by a lookup of a name no usable strategy has.
     *
     * @return one message per provider left out, naming its class; empty when every one loaded
     */
    public static List<String> problems() {
        return load().problems();
    }

    /**
     * What a config that uses a built-in strategy should be told: the user strategies left out
     * because they reuse its name.
     *
     * @param name a strategy name, e.g. {@code "ewc"} (one member of a chain)
     * @return one sentence per provider left out, naming its class; empty when there is none
     */
    public static List<String> leftOutUnder(String name) {
        return load().leftOutUnder(name);
    }

    /**
     * The strategies' name claims (a built-in keeps its name; a name two providers' strategies have
     * is used by neither), with a message for each provider that could not be loaded or whose entry
     * a config could not use.
     */
    private static NameClaims<Info> load() {
        NameClaims<Info> claims = new NameClaims<>("strategy");
        for (Info info : BUILT_INS) {
            claims.builtIn(info.name(), "strategy", info);
        }
        PlugIns<StrategyProvider> plugIns = PlugIns.load(StrategyProvider.class,
                e -> "cannot load a user strategy (" + StrategyProvider.class.getName() + " provider): "
                        + PlugIns.why(e));
        plugIns.failures().forEach(claims::unusable);
        for (StrategyProvider p : plugIns.loaded()) {
            try {
                Info info = infoOf(p);
                requireUsable(p, info);
                claims.user(info.name(), p.getClass().getName(), info);
            } catch (EngramException e) {
                claims.unusable(e.getMessage());
            }
        }
        return claims;
    }

    /**
     * What to say of a strategy name no loaded strategy has: the closest known name, and the
     * providers left out, one of which may be the one meant.
     *
     * @param name the name asked for
     * @return the hint, or null when nothing is close and every provider loaded
     */
    public static String unknownNameHint(String name) {
        return hintForUnknown(name, load());
    }

    /** The sentence naming the providers that share the name, else the closest name and the providers left out. */
    private static String hintForUnknown(String name, NameClaims<Info> claims) {
        String shared = claims.sharedBy(name);
        return shared != null ? shared : PlugIns.hintWithLeftOut(Suggestions.didYouMean(name,
                claims.usable().keySet()), "user strategies", claims.unusable());
    }

    /**
     * Whether a strategy is one of Engram's own, whose code is the Engram version's.
     *
     * @param name a strategy name, e.g. {@code ewc}
     * @return true for a built-in strategy, false for another name (a provider's, or none)
     */
    public static boolean builtIn(String name) {
        return builtInInfo(name) != null;
    }

    /** A provider's entry; a provider whose code fails is refused by its class name. */
    private static Info infoOf(StrategyProvider provider) {
        try {
            return provider.info();
        } catch (RuntimeException | LinkageError e) {
            throw new EngramException("cannot load the user strategy of " + provider.getClass().getName() + ": "
                    + PlugIns.why(e), e);
        }
    }

    /** Refuses an entry a config could not name or use. */
    private static void requireUsable(StrategyProvider provider, Info info) {
        if (info == null) {
            throw new ParameterException(provider.getClass().getName(), "info()", "the strategy's entry", "null");
        }
        PlugIns.requireSnakeCaseName(provider.getClass().getName(), "info().name()", info.name(),
                "a chain joins names with '+'");
        if (info.role() == null || info.hyperparameters() == null) {
            throw new ParameterException(provider.getClass().getName(), "info()",
                    "a role and hyperparameters (Strategies.NoParameters for none)", info.toString());
        }
        Hyperparameters<?> h = info.hyperparameters();
        if (h.type() == null || h.defaults() == null || h.factory() == null) {
            // engram list and every config fill in the defaults: a null one failed there with a
            // bare NullPointerException.
            throw new ParameterException(provider.getClass().getName(), "info().hyperparameters()",
                    "a record type, its default values and a factory, none null", h.toString());
        }
        PlugIns.requireWritable(provider.getClass().getName(), "info().hyperparameters()", h.type());
    }

    /**
     * Looks a strategy up by name.
     *
     * @param name the registry name
     * @return its entry
     * @throws ParameterException if no usable strategy has that name; the message suggests the closest,
     *                            or, for a name several providers' strategies have, names them
     */
    public static Info info(String name) {
        // A built-in strategy is found without the providers: one that cannot be loaded fails its own lookups only.
        Info builtIn = builtInInfo(name);
        if (builtIn != null) {
            return builtIn;
        }
        NameClaims<Info> claims = load();
        Info info = claims.usable().get(name);
        if (info != null) {
            return info;
        }
        throw new ParameterException("strategies", "name", claims.sharedBy(name) != null ? "a name only one strategy"
                + " has" : "one of " + claims.usable().keySet(), name, hintForUnknown(name, claims));
    }

    /**
     * Creates a strategy with its default hyperparameters.
     *
     * @param name the registry name
     * @return a new strategy
     * @throws ParameterException if no strategy has that name
     */
    public static ContinualStrategy create(String name) {
        return info(name).defaults().get();
    }

    /**
     * Combines strategies into one whose every hook calls them in the given order.
     *
     * <p>Choose the order by what the hooks change:
     * <ol>
     *   <li>batch composers first (replay, er_ace, der, joint, lwf), so every later hook sees the full batch;</li>
     *   <li>penalties (ewc, online_ewc, si, mas, l2) in any order: their gradients add; a gradient
     *   projection (agem, gem) may stand anywhere, as its hook sees the gradient after every penalty;</li>
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
    public static final String CHAIN_ORDER_RULE = "projections (such as gpm, hlop) after the update scalers (such as "
            + "metaplasticity, importance_gating): a scaling applied after a projection undoes its protection";

    /**
     * Finds an update scaler that a chain runs after a projection ({@link Role}), which would scale
     * each weight's projected update by its own factor and so bring back components in the
     * protected subspace. Other orders are left to the caller (see {@link #chain}); a name the
     * registry does not know (a strategy used from Java only) has no role and is not checked.
     *
     * @param names the members' names in chain order (a nested chain's members in its order)
     * @return the offending pair, e.g. {@code "metaplasticity after gpm"}, or null if there is none
     */
    public static String misorder(List<String> names) {
        Map<String, Role> roles = roles(names);
        String projection = null;
        for (String name : names) {
            Role role = roles.get(name);
            if (projection == null && role == Role.PROJECTION) {
                projection = name;
            } else if (projection != null && role == Role.UPDATE_SCALER) {
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
        Map<String, Role> roles = roles(names);
        List<String> reordered = new ArrayList<>(names);
        reordered.sort(Comparator.comparing(name -> roles.get(name) == Role.PROJECTION));
        return reordered;
    }

    private static Map<String, Role> roles(List<String> names) {
        Map<String, Role> roles = new HashMap<>();
        boolean allBuiltIn = names.stream().allMatch(n -> builtInInfo(n) != null);
        for (Info info : allBuiltIn ? BUILT_INS : list()) {
            roles.put(info.name(), info.role());
        }
        return roles;
    }

    /**
     * Refuses null hyperparameters by name, where a strategy's constructor would fail on them later
     * as a bare NullPointerException.
     *
     * @param strategy the strategy's name, for the message
     * @param params   its hyperparameters
     * @param <P>      their record type
     * @return the hyperparameters
     * @throws ParameterException if they are null
     */
    static <P> P requireParams(String strategy, P params) {
        return ParameterException.requireNonNull(strategy, "params", params,
                "hyperparameters (Params.defaults() for the usual ones)");
    }

    /** The entry of a built-in strategy, or null for another name. */
    private static Info builtInInfo(String name) {
        for (Info info : BUILT_INS) {
            if (info.name().equals(name)) {
                return info;
            }
        }
        return null;
    }
}
