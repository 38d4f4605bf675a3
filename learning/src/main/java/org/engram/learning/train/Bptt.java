package org.engram.learning.train;

import java.util.Arrays;
import java.util.List;
import org.engram.learning.encode.EncodedInput;
import org.engram.learning.encode.Encoder;
import org.engram.learning.layered.Layer;
import org.engram.learning.layered.LayeredNet;
import org.engram.learning.layered.Readout;
import org.engram.learning.layered.ResetMode;

/**
 * One worker's forward and backward pass through a {@link LayeredNet} for one sample at a time,
 * with every buffer sized once. Equations per spiking layer (see
 * {@link org.engram.learning.layered.HiddenLayer}):
 * <pre>
 *   v_t = beta u_(t-1) + I_t,   th_t = theta + b a_(t-1),   z_t = v_t - th_t,   s_t = H(z_t)
 *   u_t = v_t - th_t s_t (subtract) | v_t (1 - s_t) (zero),  a_t = rho a_(t-1) + s_t
 *   I_t = sum_i W[i] x_i(t) + sum_k R[k] s_k(t-1)
 * </pre>
 * where {@code x(t)} is the encoder's input in step t for the first layer and the layer below's
 * spikes of step t-1 for the others (one-step delay). The backward pass runs the adjoint of these
 * equations in reverse time with {@code dH/dz} replaced by the surrogate {@code g(z)}:
 * <pre>
 *   S   = dL/ds_t (from above, recurrence, readout) + A_t + [U_t dReset/ds, unless detached]
 *   Z   = S g(z_t)
 *   V_t = U_t du/dv + Z                       (dL/dv_t = dL/dI_t)
 *   A_(t-1) = rho A_t + b (-Z - U_t s_t [subtract only])
 *   U_(t-1) = beta V_t
 *   dL/dW[i] += x_i(t) V_t   (only for inputs that spiked),   dL/ds_(t-1)[k] += R[k] . V_t
 * </pre>
 *
 * <p>Work follows the events. The first layer's input is built per input neuron from the runs of
 * consecutive steps in which it spiked: its weight row is added where a run starts and subtracted
 * where it ends, then a running sum over the steps gives every {@code I_t}; its weight gradient is
 * the difference of running sums of {@code V} at the ends of each run. Both cost one row
 * operation per run edge, never more than one per spike plus one. A direct-current input is
 * multiplied by the weights once per sample. Deeper layers add one weight row per presynaptic
 * spike, and their weight gradient sums over presynaptic spikes only.
 *
 * <p>Gradients are added into the caller's row arrays; the caller owns the fixed-order reduction.
 */
final class Bptt {
    private final int layerCount;
    private final int steps;
    private final int inputs;
    private final Layer[] layers;
    private final WeightViews views;
    private final Encoder encoder;
    private final EncodedInput enc;
    private final Surrogate surrogate;
    private final float slope;
    private final boolean detachReset;
    private final Readout readout;
    private boolean smooth;

    /** Per layer, per step, per neuron: membrane before reset, threshold, spike value, input, gradients. */
    private final float[][][] v;
    private final float[][][] th;
    private final float[][][] sv;
    private final float[][][] in;
    private final float[][][] dV;
    private final float[][][] dS;
    /** Per layer: spike events (neuron, value) of all steps, step t in {@code [evStart[t], evStart[t+1])}. */
    private final int[][] ev;
    private final float[][] evVal;
    private final int[][] evStart;
    private final float[][] u;
    private final float[][] a;
    private final float[][] adjU;
    private final float[][] adjA;
    /** Input spikes grouped by input: steps of input i are {@code inputStep[inputStart[i] .. inputStart[i+1])}. */
    private final int[] inputStart;
    private final int[] inputStep;
    /**
     * Runs of consecutive spike steps: input i's runs are {@code [runFirst[r], runEnd[r])} for r in
     * {@code [runStart[i], runStart[i+1])}.
     */
    private final int[] runStart;
    private final int[] runFirst;
    private final int[] runEnd;
    /**
     * The run edges by step: step t's are {@code [edgeStart[t], edgeStart[t+1])}, each an input
     * ({@code edgeInput}) whose weight row is added ({@code edgeSign} 1) or subtracted (-1) there,
     * in ascending input order.
     */
    private final int[] edgeStart;
    private final int[] edgeInput;
    private final float[] edgeSign;
    /** Scratch of the sort: each step's next free edge slot. */
    private final int[] edgeNext;
    /** Running sums over steps of the first layer's V: {@code prefix[t] = sum_(t' < t) V_t'}. */
    private final float[][] prefix;
    private final float[] logits;
    private final float[] dLogits;
    /** Scratch for the logit gradient of extra loss terms. */
    private final float[] termGradient;
    private final int[] argmaxStep;
    private final float[] readoutStepWeight;
    private final float[] activityStepWeight;

    Bptt(LayeredNet net, WeightViews views, Encoder encoder, TrainerOptions options) {
        List<Layer> list = net.layers();
        this.layerCount = list.size();
        this.steps = encoder.steps();
        this.inputs = net.inputs();
        this.layers = list.toArray(new Layer[0]);
        this.views = views;
        this.encoder = encoder;
        this.enc = new EncodedInput(steps, inputs);
        this.surrogate = options.surrogate();
        this.slope = (float) options.slope();
        this.detachReset = options.detachReset();
        this.readout = net.readout();
        int lc = layerCount;
        v = new float[lc][][];
        th = new float[lc][][];
        sv = new float[lc][][];
        in = new float[lc][][];
        dV = new float[lc][][];
        dS = new float[lc][][];
        ev = new int[lc][];
        evVal = new float[lc][];
        evStart = new int[lc][];
        u = new float[lc][];
        a = new float[lc][];
        adjU = new float[lc][];
        adjA = new float[lc][];
        for (int l = 0; l < lc; l++) {
            int n = layers[l].size();
            v[l] = new float[steps][n];
            th[l] = layers[l].adaptive() ? new float[steps][n] : null;
            sv[l] = new float[steps][n];
            in[l] = new float[steps][n];
            dV[l] = new float[steps][n];
            dS[l] = new float[steps][n];
            ev[l] = new int[steps * n];
            evVal[l] = new float[steps * n];
            evStart[l] = new int[steps + 1];
            u[l] = new float[n];
            a[l] = new float[n];
            adjU[l] = new float[n];
            adjA[l] = new float[n];
        }
        inputStart = new int[inputs + 1];
        inputStep = new int[steps * inputs];
        runStart = new int[inputs + 1];
        runFirst = new int[inputs * ((steps + 1) / 2)];
        runEnd = new int[runFirst.length];
        edgeStart = new int[steps + 1];
        edgeInput = new int[steps * inputs];
        edgeSign = new float[edgeInput.length];
        edgeNext = new int[steps];
        prefix = new float[steps + 1][layers[0].size()];
        int classes = layers[lc - 1].size();
        logits = new float[classes];
        dLogits = new float[classes];
        termGradient = new float[classes];
        argmaxStep = new int[classes];
        readoutStepWeight = new float[steps];
        float lambda = layers[lc - 1].traceDecay();
        float wgt = 1f;
        for (int t = steps - 1; t >= 0; t--) {
            readoutStepWeight[t] = readout == Readout.EXP_RATE ? wgt : 1f;
            wgt *= lambda;
        }
        activityStepWeight = new float[steps];
        double lambdaA = StrictMath.exp(-net.spec().dtMs() / options.activityTauMs());
        for (int t = 0; t < steps; t++) {
            activityStepWeight[t] = (float) ((1 - StrictMath.pow(lambdaA, steps - t)) / steps);
        }
    }

    /** Test switch: use the surrogate's antiderivative instead of the step function in the forward pass. */
    void smooth(boolean on) {
        this.smooth = on;
    }

    /** Encodes a sample and runs the forward pass; the logits are then in {@link #logits()}. */
    void forward(float[] sample, long streamState) {
        encoder.encode(sample, streamState, enc);
        if (enc.isCurrent()) {
            firstLayerCurrent();
        } else {
            findRuns();
            firstLayerSpikes();
        }
        for (int l = 0; l < layerCount; l++) {
            runLayer(l);
        }
        readLogits();
    }

    /**
     * The activity of the last forward pass as an event-driven chip would spend it.
     *
     * @param counts receives, added: {@code [0]} spikes of every layer including the input,
     *               {@code [1]} synaptic operations (accumulates: a spike times the fan-out it
     *               reaches), {@code [2]} multiply-accumulates (a current input times the first
     *               layer, once per sample)
     */
    void addActivityCounts(long[] counts) {
        long inputSpikes = enc.isCurrent() ? 0 : enc.spikeCount();
        counts[0] += inputSpikes;
        if (enc.isCurrent()) {
            counts[2] += (long) enc.current().length * layers[0].size();
        } else {
            counts[1] += inputSpikes * layers[0].size();
        }
        for (int l = 0; l < layerCount; l++) {
            Layer ly = layers[l];
            if (!ly.spiking()) {
                continue;
            }
            long spikes = evStart[l][steps];
            counts[0] += spikes;
            if (ly.recurrentMatrix() >= 0) {
                counts[1] += spikes * ly.size();
            }
            if (l + 1 < layerCount) {
                counts[1] += spikes * layers[l + 1].size();
            }
        }
    }

    float[] logits() {
        return logits;
    }

    /**
     * Splits each input's spikes into runs of consecutive steps, from the step masks when there are at most 64 steps.
     */
    private void findRuns() {
        int r = 0;
        if (steps <= EncodedInput.MASK_STEPS) {
            long[] masks = enc.stepMasks();
            for (int i = 0; i < inputs; i++) {
                runStart[i] = r;
                long m = masks[i];
                while (m != 0) {
                    int first = Long.numberOfTrailingZeros(m);
                    int end = first + Long.numberOfTrailingZeros(~(m >>> first));
                    runFirst[r] = first;
                    runEnd[r] = end;
                    r++;
                    m = end >= Long.SIZE ? 0 : m & (-1L << end);
                }
            }
        } else {
            groupByInput();
            for (int i = 0; i < inputs; i++) {
                runStart[i] = r;
                int k = inputStart[i];
                int end = inputStart[i + 1];
                while (k < end) {
                    int first = inputStep[k];
                    int last = first;
                    k++;
                    while (k < end && inputStep[k] == last + 1) {
                        last = inputStep[k];
                        k++;
                    }
                    runFirst[r] = first;
                    runEnd[r] = last + 1;
                    r++;
                }
            }
        }
        runStart[inputs] = r;
    }

    private void groupByInput() {
        Arrays.fill(inputStart, 0);
        int[] idx = enc.index();
        int total = enc.spikeCount();
        for (int e = 0; e < total; e++) {
            inputStart[idx[e] + 1]++;
        }
        for (int i = 0; i < inputs; i++) {
            inputStart[i + 1] += inputStart[i];
        }
        for (int t = 0; t < steps; t++) {
            for (int e = enc.spikeStart(t), end = enc.spikeEnd(t); e < end; e++) {
                inputStep[inputStart[idx[e]]++] = t;
            }
        }
        for (int i = inputs; i > 0; i--) {
            inputStart[i] = inputStart[i - 1];
        }
        inputStart[0] = 0;
    }

    /**
     * The first layer's synaptic input of every step from the spike runs of each input: the input's
     * weight row is added at the step where a run starts and subtracted at the step after it ends;
     * a running sum then gives {@code I_t = sum_i W[i] x_i(t)}. Each step's rows are added in
     * ascending input order by {@link #addRows}, which reads and writes the step's input once per
     * four rows.
     */
    private void firstLayerSpikes() {
        float[][] rows = views.rows[layers[0].feedForwardMatrix()];
        float[][] cur = in[0];
        edgesByStep();
        for (int t = 0; t < steps; t++) {
            float[] acc = cur[t];
            Arrays.fill(acc, 0f);
            addRows(acc, rows, edgeInput, edgeSign, edgeStart[t], edgeStart[t + 1]);
            if (t > 0) {
                add(acc, cur[t - 1]);
            }
        }
    }

    /** Sorts the run edges by step (a counting sort, stable, so each step keeps the input order). */
    private void edgesByStep() {
        int[] first = runFirst;
        int[] end = runEnd;
        int runs = runStart[inputs];
        Arrays.fill(edgeStart, 0);
        for (int r = 0; r < runs; r++) {
            edgeStart[first[r]]++;
            if (end[r] < steps) {
                edgeStart[end[r]]++;
            }
        }
        int total = 0;
        for (int t = 0; t < steps; t++) {
            int count = edgeStart[t];
            edgeStart[t] = total;
            total += count;
        }
        edgeStart[steps] = total;
        int[] next = edgeNext;
        System.arraycopy(edgeStart, 0, next, 0, steps);
        for (int i = 0; i < inputs; i++) {
            for (int r = runStart[i], stop = runStart[i + 1]; r < stop; r++) {
                int k = next[first[r]]++;
                edgeInput[k] = i;
                edgeSign[k] = 1f;
                if (end[r] < steps) {
                    k = next[end[r]]++;
                    edgeInput[k] = i;
                    edgeSign[k] = -1f;
                }
            }
        }
    }

    /** A direct current is multiplied by the weights once; every step gets the same input. */
    private void firstLayerCurrent() {
        float[][] rows = views.rows[layers[0].feedForwardMatrix()];
        float[][] cur = in[0];
        Arrays.fill(cur[0], 0f);
        float[] x = enc.current();
        for (int i = 0; i < inputs; i++) {
            if (x[i] != 0f) {
                addScaled(cur[0], rows[i], x[i]);
            }
        }
        for (int t = 1; t < steps; t++) {
            System.arraycopy(cur[0], 0, cur[t], 0, cur[0].length);
        }
    }

    private void runLayer(int l) {
        Layer ly = layers[l];
        final int n = ly.size();
        final float[][] cur = in[l];
        if (l > 0) {
            float[][] rows = views.rows[ly.feedForwardMatrix()];
            Arrays.fill(cur[0], 0f);
            for (int t = 1; t < steps; t++) {
                Arrays.fill(cur[t], 0f);
                addEventRows(cur[t], rows, l - 1, t - 1);
            }
        }
        final float[][] recRows = ly.recurrentMatrix() >= 0 ? views.rows[ly.recurrentMatrix()] : null;
        final float[] uu = u[l];
        final float[] aa = a[l];
        final float[] vals = evVal[l];
        final int[] evs = ev[l];
        final int[] starts = evStart[l];
        final float beta = ly.beta();
        final float theta = ly.threshold();
        final float rho = ly.adaptDecay();
        final float adapt = ly.adaptation();
        final boolean adaptive = ly.adaptive();
        final boolean subtract = ly.reset() == ResetMode.SUBTRACT;
        final boolean isSmooth = smooth;
        Arrays.fill(uu, 0f);
        Arrays.fill(aa, 0f);
        int count = 0;
        starts[0] = 0;
        for (int t = 0; t < steps; t++) {
            float[] ct = cur[t];
            if (recRows != null && t > 0) {
                addEventRows(ct, recRows, l, t - 1);
            }
            float[] vt = v[l][t];
            if (!ly.spiking()) {
                for (int j = 0; j < n; j++) {
                    float vj = beta * uu[j] + ct[j];
                    vt[j] = vj;
                    uu[j] = vj;
                }
            } else {
                float[] st = sv[l][t];
                float[] tht = adaptive ? th[l][t] : null;
                for (int j = 0; j < n; j++) {
                    float vj = beta * uu[j] + ct[j];
                    float thj = adaptive ? theta + adapt * aa[j] : theta;
                    float s = isSmooth ? surrogate.smooth(vj - thj, slope) : (vj > thj ? 1f : 0f);
                    vt[j] = vj;
                    st[j] = s;
                    if (adaptive) {
                        tht[j] = thj;
                        aa[j] = rho * aa[j] + s;
                    }
                    uu[j] = subtract ? vj - thj * s : vj * (1f - s);
                    if (s != 0f) {
                        evs[count] = j;
                        vals[count] = s;
                        count++;
                    }
                }
            }
            starts[t + 1] = count;
        }
    }

    /**
     * Adds the weight row of every spike of layer {@code src} in step {@code t}, times its value (1,
     * or in smooth mode the spike's real value).
     */
    private void addEventRows(float[] acc, float[][] rows, int src, int t) {
        addRows(acc, rows, ev[src], evVal[src], evStart[src][t], evStart[src][t + 1]);
    }

    private void readLogits() {
        int top = layerCount - 1;
        int c = logits.length;
        float[][] vv = v[top];
        float[][] ss = sv[top];
        switch (readout) {
            case SPIKE_COUNT, EXP_RATE -> {
                float lambda = readout == Readout.EXP_RATE ? layers[top].traceDecay() : 1f;
                for (int j = 0; j < c; j++) {
                    float r = 0f;
                    for (int t = 0; t < steps; t++) {
                        r = lambda * r + ss[t][j];
                    }
                    logits[j] = r;
                }
            }
            case MEAN_MEMBRANE -> {
                float inv = 1f / steps;
                for (int j = 0; j < c; j++) {
                    float sum = 0f;
                    for (int t = 0; t < steps; t++) {
                        sum += vv[t][j];
                    }
                    logits[j] = sum * inv;
                }
            }
            case MAX_MEMBRANE -> {
                // The readout's first input arrives at step top (one step per layer); its earlier
                // steps hold 0 and would floor every logit there, with no gradient behind it.
                for (int j = 0; j < c; j++) {
                    float best = vv[top][j];
                    int at = top;
                    for (int t = top + 1; t < steps; t++) {
                        if (vv[t][j] > best) {
                            best = vv[t][j];
                            at = t;
                        }
                    }
                    logits[j] = best;
                    argmaxStep[j] = at;
                }
            }
        }
    }

    /**
     * The neurons of layer {@code l} that spiked in step {@code t} of the last forward pass.
     *
     * @param l the layer (hidden layers first, readout last)
     * @param t the step
     * @return ascending neuron indices; empty for non-spiking layers
     */
    int[] spikedNeurons(int l, int t) {
        if (!layers[l].spiking()) {
            return new int[0];
        }
        float[] st = sv[l][t];
        int n = 0;
        for (float value : st) {
            n += value != 0f ? 1 : 0;
        }
        int[] out = new int[n];
        for (int j = 0, k = 0; j < st.length; j++) {
            if (st[j] != 0f) {
                out[k++] = j;
            }
        }
        return out;
    }

    /**
     * The class with the largest logit among the allowed ones (lowest index on ties).
     *
     * @param mask allowed classes, or {@code null} for all
     */
    int predicted(boolean[] mask) {
        int best = -1;
        for (int j = 0; j < logits.length; j++) {
            if ((mask == null || mask[j]) && (best < 0 || logits[j] > logits[best])) {
                best = j;
            }
        }
        return best;
    }

    /**
     * The loss of the last forward pass; sets the logit gradients (scaled by {@code scale}) for
     * {@link #backward}.
     */
    double loss(int label, boolean[] mask, Loss kind, float scale, LogitTerm[] terms) {
        return loss(label, mask, kind, scale, 1f, terms);
    }

    /**
     * The loss of the last forward pass, {@code classWeight * base + terms}; sets its logit gradients,
     * scaled by {@code scale}, for {@link #backward}.
     */
    double loss(int label, boolean[] mask, Loss kind, float scale, float classWeight, LogitTerm[] terms) {
        double base = classWeight == 1f ? baseLoss(label, mask, kind, scale)
                : classWeight * baseLoss(label, mask, kind, scale * classWeight);
        if (terms == null || terms.length == 0) {
            return base;
        }
        Arrays.fill(termGradient, 0f);
        for (LogitTerm term : terms) {
            base += term.loss(logits);
            term.addLogitGradient(logits, termGradient);
        }
        for (int j = 0; j < logits.length; j++) {
            dLogits[j] += scale * termGradient[j];
        }
        return base;
    }

    private double baseLoss(int label, boolean[] mask, Loss kind, float scale) {
        int c = logits.length;
        if (kind == Loss.OUTPUT_SQUARED_NORM) {
            double sum = 0;
            for (int j = 0; j < c; j++) {
                boolean on = mask == null || mask[j];
                sum += on ? (double) logits[j] * logits[j] : 0;
                dLogits[j] = on ? scale * 2f * logits[j] : 0f;
            }
            return sum;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
            if (mask == null || mask[j]) {
                max = Math.max(max, logits[j]);
            }
        }
        double total = 0;
        for (int j = 0; j < c; j++) {
            if (mask == null || mask[j]) {
                double e = StrictMath.exp(logits[j] - max);
                dLogits[j] = (float) e;
                total += e;
            } else {
                dLogits[j] = 0f;
            }
        }
        for (int j = 0; j < c; j++) {
            float p = (float) (dLogits[j] / total);
            dLogits[j] = mask == null || mask[j] ? scale * (p - (j == label ? 1f : 0f)) : 0f;
        }
        return StrictMath.log(total) - (logits[label] - max);
    }

    /** Adds the gradient of the last loss with respect to every weight matrix into {@code grad[m][row]}. */
    void backward(float[][][] grad) {
        int top = layerCount - 1;
        for (int l = 0; l < layerCount; l++) {
            for (float[] row : dS[l]) {
                Arrays.fill(row, 0f);
            }
        }
        if (layers[top].spiking()) {
            int c = logits.length;
            for (int t = 0; t < steps; t++) {
                float wt = readoutStepWeight[t];
                float[] ds = dS[top][t];
                for (int j = 0; j < c; j++) {
                    ds[j] = dLogits[j] * wt;
                }
            }
        }
        for (int l = top; l >= 0; l--) {
            if (layers[l].spiking()) {
                backwardSpiking(l);
            } else {
                backwardMembrane(l);
            }
            accumulate(l, grad);
        }
    }

    private void backwardMembrane(int l) {
        int n = layers[l].size();
        float beta = layers[l].beta();
        float[] adj = adjU[l];
        Arrays.fill(adj, 0f);
        boolean mean = readout == Readout.MEAN_MEMBRANE;
        float inv = 1f / steps;
        for (int t = steps - 1; t >= 0; t--) {
            float[] dv = dV[l][t];
            for (int j = 0; j < n; j++) {
                float ext = mean ? dLogits[j] * inv : (argmaxStep[j] == t ? dLogits[j] : 0f);
                float vt = ext + adj[j];
                dv[j] = vt;
                adj[j] = beta * vt;
            }
        }
    }

    private void backwardSpiking(int l) {
        Layer ly = layers[l];
        final int n = ly.size();
        final float[][] recCols = ly.recurrentMatrix() >= 0 ? views.cols[ly.recurrentMatrix()] : null;
        final float[] adjUl = adjU[l];
        final float[] adjAl = adjA[l];
        final float beta = ly.beta();
        final float theta = ly.threshold();
        final float rho = ly.adaptDecay();
        final float adapt = ly.adaptation();
        final boolean adaptive = ly.adaptive();
        final boolean subtract = ly.reset() == ResetMode.SUBTRACT;
        final boolean detach = detachReset;
        final Surrogate sg = surrogate;
        final float k = slope;
        Arrays.fill(adjUl, 0f);
        Arrays.fill(adjAl, 0f);
        for (int t = steps - 1; t >= 0; t--) {
            float[] vv = v[l][t];
            float[] ss = sv[l][t];
            float[] tt = adaptive ? th[l][t] : null;
            float[] ds = dS[l][t];
            float[] dv = dV[l][t];
            for (int j = 0; j < n; j++) {
                float s = ss[j];
                float vj = vv[j];
                float thj = adaptive ? tt[j] : theta;
                float g = sg.derivative(vj - thj, k);
                float uAdj = adjUl[j];
                float aAdj = adjAl[j];
                float sTotal = ds[j] + aAdj;
                if (!detach) {
                    sTotal += uAdj * (subtract ? -thj : -vj);
                }
                float z = sTotal * g;
                float vt = uAdj * (subtract ? 1f : 1f - s) + z;
                dv[j] = vt;
                if (adaptive) {
                    float thAdj = subtract ? -z - uAdj * s : -z;
                    adjAl[j] = rho * aAdj + adapt * thAdj;
                }
                adjUl[j] = beta * vt;
            }
            if (recCols != null && t > 0) {
                propagate(dS[l][t - 1], recCols, dv);
            }
        }
    }

    /** {@code below[q] += sum_j W[q][j] dv[j]}, column by column so that each step is a vectorisable row operation. */
    private static void propagate(float[] below, float[][] cols, float[] dv) {
        for (int j = 0; j < dv.length; j++) {
            float x = dv[j];
            if (x != 0f) {
                addScaled(below, cols[j], x);
            }
        }
    }

    private void accumulate(int l, float[][][] grad) {
        Layer ly = layers[l];
        final float[][] dv = dV[l];
        final float[][] g = grad[ly.feedForwardMatrix()];
        if (l == 0) {
            accumulateFirstLayer(g, dv);
        } else {
            addOuter(g, l - 1, dv);
            float[][] cols = views.cols[ly.feedForwardMatrix()];
            for (int t = 1; t < steps; t++) {
                propagate(dS[l - 1][t - 1], cols, dv[t]);
            }
        }
        if (ly.recurrentMatrix() >= 0) {
            addOuter(grad[ly.recurrentMatrix()], l, dv);
        }
    }

    /**
     * First-layer weight gradient {@code g[i] += sum_(t: x_i(t)) V_t}: with running sums
     * {@code P_t = sum_(t' < t) V_t'}, each run {@code [first, last]} of input i contributes
     * {@code P_(last+1) - P_first}. A direct current contributes {@code x_i P_T}.
     */
    private void accumulateFirstLayer(float[][] g, float[][] dv) {
        int n = layers[0].size();
        Arrays.fill(prefix[0], 0f);
        for (int t = 0; t < steps; t++) {
            sum(prefix[t + 1], prefix[t], dv[t]);
        }
        if (enc.isCurrent()) {
            float[] x = enc.current();
            float[] total = prefix[steps];
            for (int i = 0; i < inputs; i++) {
                if (x[i] != 0f) {
                    addScaled(g[i], total, x[i]);
                }
            }
            return;
        }
        for (int i = 0; i < inputs; i++) {
            float[] gi = g[i];
            for (int r = runStart[i], end = runStart[i + 1]; r < end; r++) {
                addDifference(gi, prefix[runEnd[r]], prefix[runFirst[r]], n);
            }
        }
    }

    /** {@code g[k] += x_k(t-1) dv_t} for every spike k of layer {@code src} in step t-1, t >= 1. */
    private void addOuter(float[][] g, int src, float[][] dv) {
        int[] events = ev[src];
        float[] vals = evVal[src];
        int[] starts = evStart[src];
        boolean isSmooth = smooth;
        for (int t = 1; t < steps; t++) {
            float[] d = dv[t];
            for (int e = starts[t - 1], end = starts[t]; e < end; e++) {
                if (isSmooth) {
                    addScaled(g[events[e]], d, vals[e]);
                } else {
                    add(g[events[e]], d);
                }
            }
        }
    }

    /**
     * Writes each matrix's presynaptic activity of the last sample into row {@code b} of
     * {@code out[m]} (see {@link LayerActivity}).
     */
    void activity(int b, float[][] out) {
        for (int l = 0; l < layerCount; l++) {
            Layer ly = layers[l];
            int m = ly.feedForwardMatrix();
            int pre = ly.inputs();
            int base = b * pre;
            float[] o = out[m];
            Arrays.fill(o, base, base + pre, 0f);
            if (l == 0) {
                if (enc.isCurrent()) {
                    float total = 0f;
                    for (int t = 0; t < steps; t++) {
                        total += activityStepWeight[t];
                    }
                    float[] x = enc.current();
                    for (int i = 0; i < pre; i++) {
                        o[base + i] = x[i] * total;
                    }
                } else {
                    int[] idx = enc.index();
                    for (int t = 0; t < steps; t++) {
                        for (int e = enc.spikeStart(t), end = enc.spikeEnd(t); e < end; e++) {
                            o[base + idx[e]] += activityStepWeight[t];
                        }
                    }
                }
            } else {
                delayedActivity(o, base, l - 1);
            }
            if (ly.recurrentMatrix() >= 0) {
                float[] r = out[ly.recurrentMatrix()];
                int rb = b * ly.size();
                Arrays.fill(r, rb, rb + ly.size(), 0f);
                delayedActivity(r, rb, l);
            }
        }
    }

    private void delayedActivity(float[] o, int base, int src) {
        int[] events = ev[src];
        float[] values = evVal[src];
        int[] starts = evStart[src];
        for (int t = 1; t < steps; t++) {
            for (int e = starts[t - 1], end = starts[t]; e < end; e++) {
                o[base + events[e]] += values[e] * activityStepWeight[t];
            }
        }
    }

    // Row kernels: every array indexed from 0 by the loop variable, so that the JIT vectorises them.

    private static void add(float[] acc, float[] x) {
        for (int j = 0; j < acc.length; j++) {
            acc[j] += x[j];
        }
    }

    /**
     * {@code acc += factor[k] * rows[index[k]]} for k in {@code [from, to)}, term after term in that
     * order for every element (as one {@link #addScaled} per row would add them), four rows per pass
     * so that {@code acc} is loaded and stored once per four rows.
     */
    private static void addRows(float[] acc, float[][] rows, int[] index, float[] factor, int from, int to) {
        int k = from;
        for (; k + 4 <= to; k += 4) {
            addFour(acc, rows[index[k]], factor[k], rows[index[k + 1]], factor[k + 1],
                    rows[index[k + 2]], factor[k + 2], rows[index[k + 3]], factor[k + 3]);
        }
        for (; k < to; k++) {
            addScaled(acc, rows[index[k]], factor[k]);
        }
    }

    /**
     * {@code acc[j] += a * x[j]}, then {@code b * y[j]}, {@code c * z[j]}, {@code d * u[j]}, in that
     * order; with factors of 1 and -1 exactly {@code acc[j] + x[j]} and {@code acc[j] - x[j]}, as IEEE 754
     * defines {@code a - b} as {@code a + (-b)}.
     */
    private static void addFour(float[] acc, float[] x, float a, float[] y, float b, float[] z, float c,
                                float[] u, float d) {
        for (int j = 0; j < acc.length; j++) {
            acc[j] = (((acc[j] + a * x[j]) + b * y[j]) + c * z[j]) + d * u[j];
        }
    }

    private static void addScaled(float[] acc, float[] x, float c) {
        for (int j = 0; j < acc.length; j++) {
            acc[j] += c * x[j];
        }
    }

    private static void sum(float[] out, float[] x, float[] y) {
        for (int j = 0; j < out.length; j++) {
            out[j] = x[j] + y[j];
        }
    }

    private static void addDifference(float[] acc, float[] x, float[] y, int n) {
        for (int j = 0; j < n; j++) {
            acc[j] += x[j] - y[j];
        }
    }
}
