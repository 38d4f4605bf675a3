package org.engram.simulator;

/**
 * Checks the index a library user gives a public accessor (a synapse of a projection, a recorded
 * neuron, a spike), so that one out of range fails with a message that names the method, the
 * argument, the value and the valid range: the JDK's array error names none of the first two. For
 * accessors a user calls, not for the engine's loops, which index arrays they sized themselves.
 */
public final class IndexArguments {
    private IndexArguments() {
    }

    /**
     * Returns an index that lies in {@code [0, length)}.
     *
     * @param method   the class and method given it, e.g. {@code "Projection.target"}
     * @param argument the argument's name, e.g. {@code "k"}
     * @param index    the index given
     * @param length   how many indices are valid, {@code >= 0}
     * @return {@code index}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length)}, with a message
     *         such as {@code Projection.target: k: expected an index in [0, 5), found 7}
     */
    public static int check(String method, String argument, int index, int length) {
        if (index < 0 || index >= length) {
            throw outOfRange(method, argument, index, length);
        }
        return index;
    }

    // Apart, so that check stays small enough to be inlined where it is called.
    private static IndexOutOfBoundsException outOfRange(String method, String argument, int index, int length) {
        return new IndexOutOfBoundsException(method + ": " + argument + ": expected an index in [0, " + length
                + "), found " + index);
    }
}
