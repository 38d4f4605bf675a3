package org.engram.learning.layered;

/**
 * The derived per-run constants of one trainable layer (a hidden layer or the readout), as the
 * trainer's kernels use them: decay factors computed once with {@code StrictMath}, in float.
 */
public final class Layer {
    private final int index;
    private final int size;
    private final int inputs;
    private final boolean spiking;
    private final float beta;
    private final float threshold;
    private final ResetMode reset;
    private final boolean adaptive;
    private final float adaptDecay;
    private final float adaptation;
    private final float traceDecay;
    private final int feedForwardMatrix;
    private final int recurrentMatrix;

    Layer(int index, int size, int inputs, boolean spiking, double tauMs, double threshold, ResetMode reset,
          boolean adaptive, double tauAdaptMs, double adaptation, double traceTauMs, double dtMs,
          int feedForwardMatrix, int recurrentMatrix) {
        this.index = index;
        this.size = size;
        this.inputs = inputs;
        this.spiking = spiking;
        this.beta = (float) StrictMath.exp(-dtMs / tauMs);
        this.threshold = (float) threshold;
        this.reset = reset;
        this.adaptive = adaptive;
        this.adaptDecay = (float) StrictMath.exp(-dtMs / tauAdaptMs);
        this.adaptation = adaptive ? (float) adaptation : 0f;
        this.traceDecay = (float) StrictMath.exp(-dtMs / traceTauMs);
        this.feedForwardMatrix = feedForwardMatrix;
        this.recurrentMatrix = recurrentMatrix;
    }

    /** {@return the layer's position, 0 for the first hidden layer; the readout is last} */
    public int index() {
        return index;
    }

    /** {@return number of neurons} */
    public int size() {
        return size;
    }

    /** {@return number of neurons of the layer below (inputs for layer 0)} */
    public int inputs() {
        return inputs;
    }

    /** {@return whether the neurons spike; membrane readouts do not} */
    public boolean spiking() {
        return spiking;
    }

    /** {@return membrane decay per step {@code exp(-dt / tau_m)}} */
    public float beta() {
        return beta;
    }

    /** {@return the base threshold} */
    public float threshold() {
        return threshold;
    }

    /** {@return the reset mode} */
    public ResetMode reset() {
        return reset;
    }

    /** {@return whether the threshold adapts} */
    public boolean adaptive() {
        return adaptive;
    }

    /** {@return adaptation decay per step {@code exp(-dt / tau_adapt)}} */
    public float adaptDecay() {
        return adaptDecay;
    }

    /** {@return threshold increase per unit of adaptation (0 for LIF)} */
    public float adaptation() {
        return adaptation;
    }

    /** {@return decay per step of the exponential-rate readout trace} */
    public float traceDecay() {
        return traceDecay;
    }

    /** {@return index of the weight matrix from the layer below} */
    public int feedForwardMatrix() {
        return feedForwardMatrix;
    }

    /** {@return index of the recurrent weight matrix, or {@code -1}} */
    public int recurrentMatrix() {
        return recurrentMatrix;
    }
}
