package org.engram.experiments.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.engram.simulator.EngramException;
import org.engram.simulator.Suggestions;

/**
 * The rows a comparison keeps, in the order {@code engram compare --rows} gives them: a paper's table
 * reports the setting chosen on validation, not every candidate (e.g. {@code ewc-1000} without
 * {@code ewc-100}). A row is given as the table shows it without {@code --name} ({@code naive}, or
 * {@code naive [A]} with several runs) or with its {@code --name} ({@code Fine-tuning [A]}). The strategies
 * {@code engram plot --rows} draws of a run are chosen alike, by label or by {@code --name}.
 */
final class RowSelection {
    /** What the rows chosen from are, as the messages name them. */
    enum Of {
        /** The rows of {@code engram compare}'s tables. */
        COMPARISON("engram compare", "the comparison's rows", "rows of the comparison as its table shows them",
                "the row the table shows as", "each row once"),
        /** The strategies of a run that {@code engram plot} draws. */
        RUN("engram plot", "the run's strategies", "strategies of the run as its figures show them",
                "the strategy the figures show as", "each strategy once");

        private final String command;
        private final String all;
        private final String asShown;
        private final String one;
        private final String once;

        Of(String command, String all, String asShown, String one, String once) {
            this.command = command;
            this.all = all;
            this.asShown = asShown;
            this.one = one;
            this.once = once;
        }
    }

    private RowSelection() {
    }

    /**
     * The rows chosen, in the order chosen.
     *
     * @param rows   every row of the comparison, in table order
     * @param chosen the rows to keep, each as a key or a shown name; null to keep every row as it stands
     * @param key    a row as the table shows it without {@code --name}, e.g. {@code naive [A]}
     * @param shown  a row as the table shows it, e.g. {@code Fine-tuning [A]}
     * @param of     what the rows are, which the messages name
     * @param <T>    the type of a row
     * @return the rows chosen, or {@code rows} when {@code chosen} is null
     * @throws EngramException for no row chosen, a row given twice, or a row the comparison does not have
     *                         (the message lists those it has and suggests the closest)
     */
    static <T> List<T> select(List<T> rows, List<String> chosen, Function<T, String> key, Function<T, String> shown,
                              Of of) {
        if (chosen == null) {
            return rows;
        }
        List<String> shownRows = rows.stream().map(shown).toList();
        // --rows '' gives one empty entry: none chosen, as an empty list.
        if (chosen.stream().allMatch(String::isEmpty)) {
            throw new EngramException(of.command, "--rows", "one or more of " + of.all + " " + shownRows, "none",
                    null);
        }
        List<T> kept = new ArrayList<>();
        Set<T> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (String wanted : chosen) {
            T row = find(rows, wanted, shown);
            if (row == null) {
                row = find(rows, wanted, key);
            }
            if (row == null) {
                List<String> keys = rows.stream().map(key).toList();
                Set<String> known = new LinkedHashSet<>(shownRows);
                known.addAll(keys);
                throw new EngramException(of.command, "--rows", of.asShown + ", one or more of " + shownRows
                        + (keys.equals(shownRows) ? "" : " (or without --name, " + keys + ")"), "'" + wanted + "'",
                        Suggestions.didYouMean(wanted, known));
            }
            if (!seen.add(row)) {
                throw new EngramException(of.command, "--rows", of.once, "'" + wanted + "' again, " + of.one
                        + " '" + shown.apply(row) + "'", null);
            }
            kept.add(row);
        }
        return List.copyOf(kept);
    }

    /** The row whose form {@code form} gives is {@code wanted}, or null. */
    private static <T> T find(List<T> rows, String wanted, Function<T, String> form) {
        return rows.stream().filter(r -> form.apply(r).equals(wanted)).findFirst().orElse(null);
    }
}
