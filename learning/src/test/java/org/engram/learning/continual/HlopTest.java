package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.engram.learning.io.StateCodec;
import org.engram.learning.train.Workers;
import org.engram.simulator.EngramException;
import org.engram.simulator.random.SplitMixRandom;
import org.junit.jupiter.api.Test;

class HlopTest {
    private static final int N = 20;
    private static final int OUT = 4;

    /** Eigenvalues of the synthetic covariance: three strong directions, then weak ones. */
    private static final double[] LAMBDA = {9, 6, 4, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1, 0.08, 0.05};

    @Test
    void ojaSubspaceRuleRecoversPrincipalSubspaceOfKnownCovariance() {
        int n = LAMBDA.length;
        int k = 3;
        int samples = 2000;
        float[][] randomRows = ToyData.randomRows(n, n, 41);
        double[] flat = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                flat[j * n + i] = randomRows[j][i];
            }
        }
        double[][] u = Subspaces.orthonormalRows(flat, n);
        SplitMixRandom r = new SplitMixRandom(42);
        float[][] x = new float[samples][n];
        for (int s = 0; s < samples; s++) {
            for (int j = 0; j < n; j++) {
                double c = Math.sqrt(LAMBDA[j]) * r.nextGaussian();
                for (int i = 0; i < n; i++) {
                    x[s][i] += (float) (c * u[j][i]);
                }
            }
        }
        double[] h = SubspaceProjector.extend(new double[0], 0, toDouble(x, 0, k, n), k, n, k);
        OjaSubspace oja = new OjaSubspace(n, Workers.CALLING_THREAD);
        oja.reset(0, k);
        for (int epoch = 0; epoch < 20; epoch++) {
            for (int start = 0; start < samples; start += 100) {
                float[][] batch = java.util.Arrays.copyOfRange(x, start, start + 100);
                oja.train(h, new ArrayActivity(batch), 100, 3, 0.2, 0.9);
            }
        }
        // A final phase on the whole data set as one batch is deterministic gradient flow on the
        // sample correlation; its fixed point is exactly the top-k sample singular subspace.
        oja.reset(0, k);
        oja.train(h, new ArrayActivity(x), samples, 400, 0.2, 0.9);

        double[][] learned = Subspaces.orthonormalRows(h, n);
        double[][] svd = topLeftSingularVectors(x, k);
        double[][] truth = java.util.Arrays.copyOf(u, k);
        // Full-batch Oja contracts the angle by about eta (l3 - l4) / mean||x||^2 = 0.2 * 3.6 / 20 per
        // iteration, about ten times more with momentum 0.9; 400 iterations leave far below 1e-4.
        double sineSvd = Subspaces.maxSine(learned, svd);
        assertTrue(sineSvd < 1e-4, "Oja vs SVD of the same data: sin = " + sineSvd);
        // Davis-Kahan (Yu, Wang and Samworth 2015): sin(theta) <= 2 ||C^ - C||_2 / (l3 - l4) between
        // the sample and true principal subspaces; ||C^ - C||_2 is measured on the data.
        double bound = 2 * spectralError(x, u) / (LAMBDA[k - 1] - LAMBDA[k]) + 1e-4;
        double sineTruth = Subspaces.maxSine(learned, truth);
        assertTrue(sineTruth < bound, "Oja vs true covariance: sin = " + sineTruth + ", bound " + bound);
        assertTrue(bound < 0.5, "the bound itself is informative: " + bound);
    }

    private static double[] toDouble(float[][] x, int from, int count, int n) {
        double[] d = new double[count * n];
        for (int s = 0; s < count; s++) {
            for (int i = 0; i < n; i++) {
                d[s * n + i] = x[from + s][i];
            }
        }
        return d;
    }

    private static double[][] topLeftSingularVectors(float[][] x, int k) {
        int n = x[0].length;
        double[][] m = new double[n][x.length];
        for (int s = 0; s < x.length; s++) {
            for (int i = 0; i < n; i++) {
                m[i][s] = x[s][i];
            }
        }
        double[][] u = new SingularValueDecomposition(new Array2DRowRealMatrix(m, false)).getU().getData();
        double[][] top = new double[k][n];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                top[j][i] = u[i][j];
            }
        }
        return top;
    }

    /** ||(1/N) X X^T - U diag(LAMBDA) U^T||_2. */
    private static double spectralError(float[][] x, double[][] u) {
        int n = x[0].length;
        double[][] e = new double[n][n];
        for (float[] v : x) {
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    e[a][b] += (double) v[a] * v[b] / x.length;
                }
            }
        }
        for (int j = 0; j < n; j++) {
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    e[a][b] -= LAMBDA[j] * u[j][a] * u[j][b];
                }
            }
        }
        return new SingularValueDecomposition(new Array2DRowRealMatrix(e, false)).getNorm();
    }

    private static List<SampleSet> noisyTasks() {
        ArraySamples t0 = ToyData.nearSubspace(0, ToyData.randomRows(5, N, 11), OUT, 200, 0.05, 12);
        ArraySamples t1 = ToyData.nearSubspace(1, ToyData.randomRows(5, N, 13), OUT, 200, 0.05, 14);
        return List.of(t0, t1);
    }

    /**
     * Batches whose energy varies (a dominant direction of random sign and size, noise elsewhere):
     * the momentum sum was divided by the current batch's mean squared norm, so a quiet batch
     * multiplied the earlier batches' dH many times over, and at the defaults the rows went NaN;
     * the next task dropped them from its basis and the task went unprotected without a word.
     * Normalised batch by batch, the defaults stay finite; a momentum near 1 still diverges, at the
     * default rate too, and the run stops at that batch, naming the two settings.
     */
    @Test
    void varyingBatchEnergyKeepsTheDefaultsFiniteAndDivergenceStopsTheTask() {
        assertTrue(Double.isFinite(maxLateralWeight(Hlop.Params.defaults())));
        StrategyDiverged e = assertThrows(StrategyDiverged.class,
                () -> maxLateralWeight(new Hlop.Params(3, 3, 3, 0.2, 0.99)));
        assertTrue(e.getMessage().startsWith("hlop, task 1, layer 0: the lateral neurons' Hebbian (Oja) "
                        + "learning diverged")
                && e.getMessage().contains("momentum (now 0.99) or learning_rate (now 0.2)"), e.getMessage());
    }

    /**
     * A checkpoint saved while the learning had already diverged (as older versions let it) is
     * refused when read, rather than resumed with NaN rows that the next task would drop.
     */
    @Test
    void aCheckpointWithNonFiniteLateralWeightsIsRefused() throws Exception {
        DataInputStream saved = savedState(2, 1, new double[] {1, Double.NaN});
        Hlop hlop = new Hlop(Hlop.Params.defaults());
        EngramException e = assertThrows(EngramException.class, () -> hlop.readState(saved));
        assertTrue(e.getMessage().contains("hlop.lateral_weights[0]: expected finite weights, found NaN"),
                e.getMessage());
    }

    /**
     * The projection uses an orthonormal basis Q of the frozen lateral rows, not H itself: the paper's
     * {@code x - H^T H x} is a projection only once Oja has made the rows orthonormal. Rows (2, 0, 0, 0) and
     * (1, 1, 0, 0) span e0 and e1 without being orthonormal: an update (1, 2, 3, 4) of one output loses exactly its
     * e0, e1 part and becomes (0, 0, 3, 4), where {@code u - H^T H u} would give (1, 2, 3, 4) - 2 (2, 0, 0, 0)
     * - 3 (1, 1, 0, 0) = (-6, -1, 3, 4). Gram-Schmidt of these rows is exact (e0, then e1), and each element is a
     * double difference rounded to float once: exact here.
     */
    @Test
    void projectionRemovesTheSpanOfFrozenRowsThatAreNotOrthonormal() throws Exception {
        Hlop hlop = new Hlop(new Hlop.Params(2, 0, 1, 0.2, 0.9));
        hlop.readState(savedState(4, 2, new double[] {2, 0, 0, 0, 1, 1, 0, 0}));
        StubModel model = new StubModel(new int[] {4}, new int[] {1});
        hlop.beforeTask(new FixedTask(1, Scenario.DOMAIN_INCREMENTAL, 1, model, null, List.of()));
        float[] update = {1, 2, 3, 4};
        hlop.transformUpdate(0, update, new ArrayActivity(new float[][] {{0, 0, 1, 0}}));
        assertArrayEquals(new float[] {0, 0, 3, 4}, update, 0f);
        assertEquals(2, hlop.neurons(0), "no increment: the two frozen rows only");
    }

    /**
     * New rows start as the task's first activity vectors, orthonormalised, then as unit vectors where the
     * activity spans too few directions. Activity (3, 4, 0, 0) and (0, 0, 2, 0) gives rows (0.6, 0.8, 0, 0)
     * and (0, 0, 1, 0); activity (3, 4, 0, 0) alone gives (0.6, 0.8, 0, 0) and e0's residual (0.8, -0.6, 0, 0).
     * Oja's step y (x - H^T y) is then zero (every x lies in the rows' span, up to rounding of 1e-16), so
     * the rows stay where they started.
     */
    @Test
    void newRowsStartAsTheOrthonormalisedActivityThenUnitVectors() {
        assertArrayEquals(new double[] {0.6, 0.8, 0, 0, 0, 0, 1, 0},
                firstRows(new float[][] {{3, 4, 0, 0}, {0, 0, 2, 0}}), 1e-15);
        assertArrayEquals(new double[] {0.6, 0.8, 0, 0, 0.8, -0.6, 0, 0}, firstRows(new float[][] {{3, 4, 0, 0}}),
                1e-15);
    }

    /** The two first-task rows of 4 inputs after one batch of the given activity. */
    private static double[] firstRows(float[][] activity) {
        Hlop hlop = new Hlop(new Hlop.Params(2, 0, 1, 0.2, 0.5));
        hlop.beforeTask(new FixedTask(0, Scenario.DOMAIN_INCREMENTAL, 1, new StubModel(new int[] {4}, new int[] {1}),
                null, List.of()));
        hlop.transformUpdate(0, new float[4], new ArrayActivity(activity));
        return hlop.lateralWeights(0);
    }

    /**
     * A later task's new row starts orthogonal to the frozen ones: frozen e0 and activity (3, 4, 0, 0)
     * give the new row e1, after the frozen row, which stays as it was.
     */
    @Test
    void aLaterTasksNewRowStartsOrthogonalToTheFrozenRows() throws Exception {
        Hlop hlop = new Hlop(new Hlop.Params(1, 1, 1, 0.2, 0.5));
        hlop.readState(savedState(4, 1, new double[] {1, 0, 0, 0}));
        StubModel model = new StubModel(new int[] {4}, new int[] {1});
        hlop.beforeTask(new FixedTask(1, Scenario.DOMAIN_INCREMENTAL, 1, model, null, List.of()));
        hlop.transformUpdate(0, new float[4], new ArrayActivity(new float[][] {{3, 4, 0, 0}}));
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1, 0, 0}, hlop.lateralWeights(0), 1e-15);
    }

    /**
     * A layer without lateral rows (a task-specific one) is a valid state; a layer of no inputs, of
     * fewer weights than its rows take, or of none at all (a missing row, written as length -1) is
     * refused with the layer named and what was found.
     */
    @Test
    void aStateOfNoRowsIsReadAndOneOfNoInputsOrShortRowsRefused() throws Exception {
        Hlop hlop = new Hlop(new Hlop.Params(2, 0, 1, 0.2, 0.9));
        hlop.readState(savedState(4, 0, new double[0]));
        assertEquals(0, hlop.neurons(0));
        List<DataInputStream> damaged = List.of(savedState(0, 0, new double[0]), savedState(2, 2, new double[3]),
                savedState(2, 1, null));
        String[] found = {"0 values", "3 values", "null"};
        for (int c = 0; c < found.length; c++) {
            DataInputStream state = damaged.get(c);
            EngramException e = assertThrows(EngramException.class, () -> hlop.readState(state));
            assertEquals("hlop.lateral_weights[0]", e.location(), e.getMessage());
            assertEquals(found[c], e.found(), e.getMessage());
        }
    }

    /** A state whose input counts, row counts and lateral weights disagree on the layer count is refused. */
    @Test
    void aStateOfDisagreeingLayerCountsIsRefused() throws Exception {
        Hlop hlop = new Hlop(Hlop.Params.defaults());
        String[] where = {"hlop.rows layer count", "hlop.lateral weights layer count"};
        int[][] rows = {{0}, {0, 0}};
        double[][][] lateral = {{{}, {}}, {{}}};
        for (int c = 0; c < where.length; c++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            StateCodec.writeHeader(out, "hlop", 1);
            out.writeBoolean(true);
            StateCodec.writeInts(out, new int[] {4, 4});
            StateCodec.writeInts(out, rows[c]);
            StateCodec.writeDoubles(out, lateral[c]);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
            assertEquals(where[c], assertThrows(EngramException.class, () -> hlop.readState(in)).location());
        }
    }

    /**
     * A saved HLOP state, written field by field as a checkpoint holds it: one layer of {@code inputs}
     * inputs with {@code rows} frozen lateral rows, their weights row after row.
     */
    private static DataInputStream savedState(int inputs, int rows, double[] lateral) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        StateCodec.writeHeader(out, "hlop", 1);
        out.writeBoolean(true);
        StateCodec.writeInts(out, new int[] {inputs});
        StateCodec.writeInts(out, new int[] {rows});
        StateCodec.writeDoubles(out, new double[][] {lateral});
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }

    /** Trains HLOP's first-task rows on 1,000 batches of 4 samples of varying energy; the largest |weight|. */
    private static double maxLateralWeight(Hlop.Params params) {
        StubModel model = new StubModel(new int[] {8}, new int[] {2});
        Hlop hlop = new Hlop(params);
        hlop.beforeTask(new FixedTask(0, Scenario.DOMAIN_INCREMENTAL, 1, model, null, List.of()));
        SplitMixRandom r = new SplitMixRandom(5);
        float[][] batch = new float[4][8];
        for (int b = 0; b < 1000; b++) {
            for (float[] x : batch) {
                double dominant = 3 * r.nextGaussian();
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) ((i < 2 ? dominant : 0) + 0.3 * r.nextGaussian());
                }
            }
            hlop.transformUpdate(0, new float[16], new ArrayActivity(batch));
        }
        double max = 0;
        for (double w : hlop.lateralWeights(0)) {
            max = Math.max(max, Math.abs(w));
        }
        return max;
    }

    @Test
    void projectedUpdateHasNoComponentInOldSubspace() {
        Hlop hlop = new Hlop(new Hlop.Params(5, 3, 3, 0.2, 0.9));
        List<SampleSet> tasks = noisyTasks();
        ToyTrainer trainer = new ToyTrainer(new ToyLinearModel(N, OUT, 5), hlop, tasks, Scenario.DOMAIN_INCREMENTAL, 9);
        trainer.runTask(0);
        hlop.beforeTask(trainer.context(1));
        double[] q = hlop.protectedBasis(0);
        assertEquals(5, q.length / N);
        SplitMixRandom r = new SplitMixRandom(3);
        float[] update = new float[N * OUT];
        for (int i = 0; i < update.length; i++) {
            update[i] = (float) r.nextGaussian();
        }
        double before = Subspaces.norm(update);
        float[][] act = {tasks.get(1).input(0)};
        hlop.transformUpdate(0, update, new ArrayActivity(act));
        // as for GPM: one float rounding per element after a double projection, < 3e-7 of the norm
        assertTrue(Subspaces.componentInside(q, N, update, OUT) < 1e-6 * before);
        assertEquals(8, hlop.neurons(0), "5 first-task neurons plus an increment of 3");
    }

    @Test
    void neuronCountStopsAtTheInputCountAndATaskSpecificLayerGetsNone() {
        // Layer 0 (4 inputs) is shared, layer 1 (3 inputs) task-specific, as a task-incremental readout.
        // No batch trains the rows here, so they stay zero: before the fix the count was capped by the
        // rank of the rows (0) and grew by 2 per task without end, to 12 in both layers after six tasks.
        StubModel weights = new StubModel(new int[] {4, 3}, new int[] {3, 2});
        ModelView model = new ModelView() {
            @Override
            public int layerCount() {
                return 2;
            }

            @Override
            public int inputs(int layer) {
                return weights.inputs(layer);
            }

            @Override
            public int outputs(int layer) {
                return weights.outputs(layer);
            }

            @Override
            public float[] weights(int layer) {
                return weights.weights(layer);
            }

            @Override
            public boolean taskSpecific(int layer) {
                return layer == 1;
            }
        };
        SampleSet data = new ArraySamples(0, new float[2][4], new int[2]);
        Hlop hlop = new Hlop(new Hlop.Params(2, 2, 1, 0.2, 0.5));
        int[] expected = {2, 4, 4, 4, 4, 4};
        for (int t = 0; t < expected.length; t++) {
            hlop.beforeTask(new FixedTask(t, Scenario.TASK_INCREMENTAL, 1, model, null,
                    java.util.Collections.nCopies(t + 1, data)));
            assertEquals(expected[t], hlop.neurons(0), "shared layer after " + (t + 1) + " task starts");
            assertEquals(0, hlop.neurons(1), "task-specific layer");
        }
    }

    @Test
    void oldTaskOutputsChangeNoMoreThanTheirResidualAllows() {
        List<SampleSet> tasks = noisyTasks();
        Hlop hlop = new Hlop(new Hlop.Params(5, 5, 3, 0.2, 0.9));
        ToyLinearModel model = new ToyLinearModel(N, OUT, 5);
        ToyTrainer trainer = new ToyTrainer(model, hlop, tasks, Scenario.DOMAIN_INCREMENTAL, 9);
        trainer.runTask(0);
        SampleSet old = tasks.get(0);
        double[] before = Subspaces.responses(model, old);
        double startNorm = Subspaces.norm(model.w);
        trainer.runTask(1);
        double[] after = Subspaces.responses(model, old);
        // per-sample bound from the residual of each old input outside the learned subspace
        // (see Subspaces.checkedRelativeChange); the inputs carry isotropic noise, so the bound is not trivial
        double relative = Subspaces.checkedRelativeChange(hlop.protectedBasis(0), N, old, before, after, OUT,
                trainer, startNorm);
        double naive = GpmTest.relativeChangeOfOldOutputs(new Naive(), tasks);
        assertTrue(relative < 0.2 * naive, "hlop " + relative + " vs naive " + naive);
    }
    /**
     * Oja's iterations read the batch's vectors several times; with an activity whose {@code vector}
     * copies (as the learner's does) they still allocate nothing per batch once their buffers are grown.
     */
    @Test
    void ojaIterationsAllocateNothingPerBatch() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int n = 200;
        int m = 32;
        float[] flat = new float[m * n];
        SplitMixRandom r = new SplitMixRandom(5);
        for (int i = 0; i < flat.length; i++) {
            flat[i] = (float) r.nextDouble();
        }
        LayerActivity copying = new LayerActivity() {
            @Override
            public int layer() {
                return 0;
            }

            @Override
            public int samples() {
                return m;
            }

            @Override
            public int ownSamples() {
                return m;
            }

            @Override
            public float[] vector(int sample) {
                return Arrays.copyOfRange(flat, sample * n, (sample + 1) * n);
            }

            @Override
            public void copyVector(int sample, float[] into, int offset) {
                System.arraycopy(flat, sample * n, into, offset, n);
            }
        };
        OjaSubspace oja = new OjaSubspace(n, Workers.CALLING_THREAD);
        oja.reset(0, 10);
        double[] h = new double[10 * n];
        h[0] = 1;
        oja.train(h, copying, m, 3, 0.2, 0.9);
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int batch = 0; batch < 20; batch++) {
            oja.train(h, copying, m, 3, 0.2, 0.9);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(Double.isFinite(h[0]) && h[0] != 1, "the rows must train");
        // Nothing is needed; 16 KB leaves room for the JVM's own bookkeeping on this thread. A copy per
        // vector read costs 20 batches x (1 + 3 iterations) x 32 x 800 bytes = 2 MB.
        assertTrue(allocated < 16 << 10, "allocated " + allocated + " bytes in 20 batches");
    }
}
