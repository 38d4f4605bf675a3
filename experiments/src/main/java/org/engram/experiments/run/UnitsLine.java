package org.engram.experiments.run;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the progress bar says beside its count about the units in training: what a unit does, in full,
 * while it trains alone; else where each unit is, briefly, in the order they started, so that units
 * trained side by side ({@code engram run --jobs}) neither take turns on the line nor squeeze the bar
 * out of the terminal's width. A unit past its last task keeps its place until another unit reports.
 */
final class UnitsLine {
    /** Where each unit shown is, briefly, by name, in the order the units started. */
    private final Map<String, String> briefOf = new LinkedHashMap<>();
    /** The units shown that have finished their last task. */
    private final Set<String> finished = new HashSet<>();

    /**
     * A unit reports.
     *
     * @param unit  its name, e.g. {@code naive seed 1}
     * @param state what it is doing, in full: e.g. {@code task 2/5 epoch 1/3 loss 0.412}
     * @param brief the same, briefly: e.g. {@code task 2/5 epoch 1/3}
     * @param last  whether this ends the unit's last task
     * @return the line to show
     */
    String show(String unit, String state, String brief, boolean last) {
        briefOf.keySet().removeIf(other -> finished.contains(other) && !other.equals(unit));
        briefOf.put(unit, brief);
        if (last) {
            finished.add(unit);
        }
        if (briefOf.size() == 1) {
            return unit + " " + state;
        }
        StringBuilder line = new StringBuilder();
        briefOf.forEach((name, place) -> line.append(line.length() == 0 ? "" : " | ").append(name).append(' ')
                .append(place));
        return line.toString();
    }
}
