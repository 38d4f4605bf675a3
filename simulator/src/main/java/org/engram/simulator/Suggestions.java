package org.engram.simulator;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * "Did you mean" suggestions for misspelt names (config keys, model, rule and strategy names),
 * by Levenshtein distance (or a short name spelled out, see {@link #closest}), so every user error
 * about a name can offer the closest valid one.
 */
public final class Suggestions {
    /** The units config keys end with, which a name one edit from another key may still have left off. */
    private static final Set<String> UNITS = Set.of("ms", "s", "us", "hz", "pa", "na", "mv", "ns", "pf", "nf",
            "deg", "rad");

    private Suggestions() {
    }

    /**
     * The known name closest to {@code name}: first the one known name that is {@code name} with a
     * unit appended ({@code delay} gives {@code delay_ms}, {@code dt} {@code dt_ms}, {@code std}
     * {@code std_pa}, {@code rate} {@code rate_hz}, {@code tau} a user rule's {@code tau_ms} rather
     * than its {@code eta}): NEST and PyNN write these keys without their units; but a name one edit
     * from a known name is that name's typo unless the word appended is a unit ({@code spike} gives
     * {@code spikes}, not {@code spike_neurons}). Failing that, the
     * known name closest to {@code name}, if it is close enough to be a typo: at most
     * {@code max(2, length / 3)} single-character edits, ignoring case, and fewer edits than the
     * longer name has characters (with none kept, {@code zz} is no typo of {@code a}). Failing
     * that, a known name of several words whose last word {@code name} spells out: a
     * name written out ({@code v_thresh}, {@code t_refrac}, {@code tau_membrane}) is too many edits
     * from its short form ({@code v_th}, {@code t_ref}, {@code tau_m}) to count as a typo. A short
     * form abbreviates the word, keeping its first letter and some others in order, so a word spelled
     * out with a typo of its own still counts ({@code v_tresh} gives {@code v_th}).
     *
     * @param name  the unknown name, or {@code null}
     * @param known the valid names
     * @return the closest valid name, or {@code null}
     */
    public static String closest(String name, Collection<?> known) {
        if (name == null) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Object k : known) {
            String candidate = String.valueOf(k);
            String lowerCandidate = candidate.toLowerCase(Locale.ROOT);
            int d = editDistance(lower, lowerCandidate);
            // On a tie, a name that holds every typed letter in order (some were left out) wins.
            boolean closer = d < bestDistance || d == bestDistance && keepsInOrder(lower, lowerCandidate)
                    && !keepsInOrder(lower, best.toLowerCase(Locale.ROOT));
            if (closer) {
                bestDistance = d;
                best = candidate;
            }
        }
        // A name with its unit left off is no typo of another short name: tau means tau_ms, not eta. A name one
        // edit from a known one is its typo, unless a unit follows the other: spike is spikes, not spike_neurons.
        String unitLeftOff = bestDistance == 0 ? null : withUnit(lower, known);
        if (unitLeftOff != null && (bestDistance > 1
                || UNITS.contains(unitLeftOff.substring(lower.length() + 1).toLowerCase(Locale.ROOT)))) {
            return unitLeftOff;
        }
        boolean typo = best != null && bestDistance <= Math.max(2, name.length() / 3)
                && bestDistance < Math.max(name.length(), best.length());
        if (typo) {
            return best;
        }
        return longestAbbreviated(lower, known);
    }

    /**
     * The only known name that is {@code lower}, an underscore and one more word of letters (a unit
     * such as {@code ms}, {@code pa} or {@code hz}), or null when there is none or more than one
     * ({@code v} is not taken for {@code v_th} or {@code v_reset}).
     */
    private static String withUnit(String lower, Collection<?> known) {
        String found = null;
        for (Object k : known) {
            String candidate = String.valueOf(k);
            String c = candidate.toLowerCase(Locale.ROOT);
            String rest = c.startsWith(lower + "_") ? c.substring(lower.length() + 1) : "";
            if (!lower.isEmpty() && !rest.isEmpty() && rest.chars().allMatch(Character::isLetter)) {
                if (found != null) {
                    return null;
                }
                found = candidate;
            }
        }
        return found;
    }

    /**
     * The longest known name of several words ({@code _} between them) and three or more characters
     * whose words before the last {@code lower} begins with, and whose last word abbreviates the word
     * of {@code lower} that follows them: a longer word with the same first letter that holds every
     * letter of the last word in order. Null when there is none: {@code v_thresh} and {@code v_tresh}
     * give {@code v_th}, but {@code v_th_extra} (no longer word) no {@code v_th}, {@code ewc_online} no
     * {@code ewc}, {@code model_params} no {@code model}, and {@code masking} no {@code mas}.
     */
    private static String longestAbbreviated(String lower, Collection<?> known) {
        String best = null;
        for (Object k : known) {
            String candidate = String.valueOf(k);
            String c = candidate.toLowerCase(Locale.ROOT);
            int lastWord = c.lastIndexOf('_') + 1;
            if (c.length() < 3 || lastWord <= 1 || lastWord == c.length() || !lower.startsWith(c.substring(0,
                    lastWord))) {
                continue;
            }
            int end = lower.indexOf('_', lastWord);
            String word = lower.substring(lastWord, end < 0 ? lower.length() : end);
            String abbreviation = c.substring(lastWord);
            boolean spelledOut = word.length() > abbreviation.length() && word.charAt(0) == abbreviation.charAt(0)
                    && word.chars().allMatch(Character::isLetter) && keepsInOrder(abbreviation, word);
            if (spelledOut && (best == null || candidate.length() > best.length())) {
                best = candidate;
            }
        }
        return best;
    }

    /** Whether every character of {@code typed} occurs in {@code name}, in the same order. */
    private static boolean keepsInOrder(String typed, String name) {
        int j = 0;
        for (int i = 0; i < name.length() && j < typed.length(); i++) {
            if (name.charAt(i) == typed.charAt(j)) {
                j++;
            }
        }
        return j == typed.length();
    }

    /**
     * The hint for an error message.
     *
     * @param name  the unknown name, or {@code null}
     * @param known the valid names
     * @return {@code "did you mean 'x'?"}, or {@code null} when nothing is close
     */
    public static String didYouMean(String name, Collection<?> known) {
        String best = closest(name, known);
        return best == null ? null : "did you mean '" + best + "'?";
    }

    /**
     * Levenshtein distance: the fewest single-character insertions, deletions and substitutions
     * that turn one string into the other.
     *
     * @param a a string
     * @param b another string
     * @return the distance
     */
    public static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
