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
