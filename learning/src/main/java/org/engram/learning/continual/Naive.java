package org.engram.learning.continual;

/**
 * Plain fine-tuning: trains on each task in turn and protects nothing; the lower baseline that
 * shows how much a network forgets.
 */
public final class Naive implements ContinualStrategy {
    /** Registry name. */
    public static final String NAME = "naive";

    /** Creates the strategy, which has no hyperparameters. */
    public Naive() {
    }

    @Override
    public String name() {
        return NAME;
    }
}
