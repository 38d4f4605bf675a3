package org.engram.learning.continual;

/**
 * Plain fine-tuning: trains on each task in turn and protects nothing; the lower baseline that
 * shows how much a network forgets.
 */
public final class Naive implements ContinualStrategy {
    /** Registry name. */
    public static final String NAME = "naive";

    @Override
    public String name() {
        return NAME;
    }
}
