package org.engram.simulator;

/**
 * Counted nouns for messages, singular for one: a message reads "1 task" and "2 tasks", never "1 task(s)".
 *
 * <p>The plural adds an s; a noun with another plural is not passed here.
 */
public final class Plural {
    private Plural() {
    }

    /**
     * A count with its noun, singular for one: {@code "1 neuron"}, {@code "2 neurons"}, {@code "0 neurons"}.
     *
     * @param count how many
     * @param noun  the noun in the singular, whose plural adds an s
     * @return the count and the noun
     */
    public static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /**
     * Every one of a counted set of things, as a message names it: {@code "each of the 2 epochs"}, and for one
     * {@code "the 1 epoch"} (rather than "each of the 1 epochs").
     *
     * @param count how many
     * @param noun  the noun in the singular, whose plural adds an s
     * @return the phrase
     */
    public static String eachOf(long count, String noun) {
        return (count == 1 ? "the " : "each of the ") + count(count, noun);
    }
}
