package org.engram.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may use a name that several plug-ins of one kind (neuron models, plasticity rules, strategies)
 * claim, one policy for every kind: a built-in keeps its name, and a user class that claims it is left out;
 * a name two or more user classes claim is used by none of them, since which one the class path
 * gives first is no choice a config could see or repeat. Plug-ins left out before they could claim a
 * name (not loaded, or a name or parameters a config cannot write) are kept beside them, {@link
 * #unusable}. What is left out is told by
 * {@link #problems()} ({@code engram list}), {@link #leftOutUnder} (a config that uses a
 * built-in's name) and {@link #sharedBy} (a lookup of a shared name).
 *
 * @param <T> the plug-in type
 */
public final class NameClaims<T> {
    private final String kind;
    private final Map<String, T> usable = new LinkedHashMap<>();
    private final Map<String, String> builtInClass = new HashMap<>();
    private final Map<String, List<String>> leftOutUnderBuiltIn = new LinkedHashMap<>();
    private final Map<String, List<String>> userClasses = new LinkedHashMap<>();
    private final List<String> unusable = new ArrayList<>();

    /**
     * Starts with no claims.
     *
     * @param kind the plug-ins' kind for messages, e.g. {@code neuron model} (its plural adds {@code s},
     *             or for a final {@code y} is {@code ies}: {@code strategies})
     */
    public NameClaims(String kind) {
        this.kind = kind;
    }

    /**
     * Gives a built-in its name; call before any user claim.
     *
     * @param name      the name
     * @param className the built-in's class, for messages
     * @param item      the built-in, or null when it is found by other means (it then keeps the name
     *                  but is not among {@link #usable()})
     */
    public void builtIn(String name, String className, T item) {
        builtInClass.put(name, className);
        if (item != null) {
            usable.put(name, item);
        }
    }

    /**
     * Adds a user class's claim of a name.
     *
     * @param name      the name
     * @param className the user class, for messages
     * @param item      the plug-in
     */
    public void user(String name, String className, T item) {
        if (builtInClass.containsKey(name)) {
            leftOutUnderBuiltIn.computeIfAbsent(name, n -> new ArrayList<>()).add(className);
            return;
        }
        List<String> claimants = userClasses.computeIfAbsent(name, n -> new ArrayList<>());
        claimants.add(className);
        if (claimants.size() == 1) {
            usable.put(name, item);
        } else {
            usable.remove(name);
        }
    }

    /**
     * Adds a plug-in left out before it could claim a name.
     *
     * @param problem why, naming its class
     */
    public void unusable(String problem) {
        unusable.add(problem);
    }

    /**
     * {@return why each plug-in left out before it could claim a name was left out, one of which may
     * be one a name nothing has was meant for}
     */
    public List<String> unusable() {
        return Collections.unmodifiableList(unusable);
    }

    /** {@return the plug-ins that have a name of their own, by name: built-ins first, then in claim order} */
    public Map<String, T> usable() {
        return Collections.unmodifiableMap(usable);
    }

    /**
     * {@return one sentence per plug-in left out, naming its class, for {@code engram list}: the
     * unusable ones, then the name claims left out}
     */
    public List<String> problems() {
        List<String> all = new ArrayList<>(unusable);
        leftOutUnderBuiltIn.keySet().forEach(name -> all.addAll(leftOutUnder(name)));
        userClasses.keySet().stream().map(this::sharedBy).filter(s -> s != null).forEach(all::add);
        return all;
    }

    /**
     * What a use of a built-in's name should be told of the user classes that claimed it too.
     *
     * @param name a name
     * @return one sentence per user class left out because a built-in has {@code name}; empty if none
     */
    public List<String> leftOutUnder(String name) {
        List<String> told = new ArrayList<>();
        for (String className : leftOutUnderBuiltIn.getOrDefault(name, List.of())) {
            told.add("the user " + kind + " " + className + " reuses the name '" + name + "' of the built-in "
                    + builtInClass.get(name) + " and is left out (the built-in keeps its name): rename it");
        }
        return told;
    }

    /**
     * Why a name several user classes claim is used by none of them.
     *
     * @param name a name
     * @return the sentence naming every class that claims it and how to mend it, or null when at most
     *         one user class claims it
     */
    public String sharedBy(String name) {
        List<String> claimants = userClasses.getOrDefault(name, List.of());
        if (claimants.size() < 2) {
            return null;
        }
        String kinds = kind.endsWith("y") ? kind.substring(0, kind.length() - 1) + "ies" : kind + "s";
        return "the user " + kinds + " " + String.join(", ", claimants.subList(0, claimants.size() - 1)) + " and "
                + claimants.get(claimants.size() - 1) + " are " + (claimants.size() == 2 ? "both" : "all") + " named '"
                + name + "', so none is used: give each a name of its own, or keep one of them on the class path";
    }
}
