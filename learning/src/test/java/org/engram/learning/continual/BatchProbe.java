package org.engram.learning.continual;

import java.util.function.Consumer;

/**
 * A strategy that only watches: chained after the strategy under test, it hands each batch, as the
 * trainer will get it, to a check.
 */
final class BatchProbe implements ContinualStrategy {
    private final Consumer<BatchContext> check;

    /** @param check what to assert of each batch */
    BatchProbe(Consumer<BatchContext> check) {
        this.check = check;
    }

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public void beforeBatch(BatchContext batch) {
        check.accept(batch);
    }
}
