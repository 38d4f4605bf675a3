package org.engram.simulator;

/**
 * A parameter whose consequence, memory that grows with it (a population's state, a projection's
 * synapses, input buffers, recorded samples), cannot fit the Java heap. Its own type so that a
 * caller that chose the size can say which of its settings made it: {@code engram bench} names
 * {@code --neurons}.
 */
public class HeapLimitExceeded extends ParameterException {
    private static final long serialVersionUID = 1L;

    /**
     * How to give the JVM more heap, in a library's terms (its {@code -Xmx} option, however the program using the
     * simulator starts Java): the one wording that every message about the heap's limit ends with, so that each
     * tells the same thing and a program that starts Java its own way can put its own advice in its place.
     */
    public static final String MORE_HEAP = "give Java more heap (the JVM option -Xmx, e.g. -Xmx8g)";

    /**
     * Creates the error.
     *
     * @param owner     the object whose memory cannot fit, e.g. {@code population 'exc'}
     * @param parameter what sets that memory, e.g. {@code size}
     * @param rule      the rule, with the heap's limit
     * @param found     what was asked for, with its size
     * @param hint      what to do about it, or {@code null}
     */
    public HeapLimitExceeded(String owner, String parameter, String rule, Object found, String hint) {
        super(owner, parameter, rule, found, hint);
    }
}
