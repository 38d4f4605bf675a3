package org.engram.learning.continual;

import java.util.Arrays;
import java.util.Objects;

/** A trainer's activity record seen through the strategy interface. */
final class TrainerActivity implements LayerActivity {
    private final int layer;
    private final org.engram.learning.train.LayerActivity rates;
    private final int own;

    TrainerActivity(int layer, org.engram.learning.train.LayerActivity rates, Batch batch) {
        this.layer = layer;
        this.rates = rates;
        this.own = batch == null ? rates.samples() : batch.ownSize();
    }

    @Override
    public int layer() {
        return layer;
    }

    @Override
    public int samples() {
        return rates.samples();
    }

    @Override
    public int ownSamples() {
        return own;
    }

    @Override
    public float[] vector(int sample) {
        Objects.checkIndex(sample, rates.samples());
        return Arrays.copyOfRange(rates.rates(), sample * rates.pre(), (sample + 1) * rates.pre());
    }

    @Override
    public void copyVector(int sample, float[] into, int offset) {
        // The rates array outlives short batches: past samples(), it holds an earlier batch's rows.
        Objects.checkIndex(sample, rates.samples());
        System.arraycopy(rates.rates(), sample * rates.pre(), into, offset, rates.pre());
    }
}
