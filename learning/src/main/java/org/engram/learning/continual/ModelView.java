package org.engram.learning.continual;

/**
 * The trainable weights of a layered network, as a strategy may read them.
 *
 * <p>Layer {@code l} maps {@code inputs(l)} presynaptic neurons to {@code outputs(l)} postsynaptic
 * neurons with a dense weight matrix stored row-major by input: the weight from input {@code i} to
 * output {@code o} is {@code weights(l)[i * outputs(l) + o]}. The same layout is used for every
 * per-weight array a strategy receives ({@code grad}, {@code update}, Fisher, importance).
 */
public interface ModelView {
    /** {@return the number of trainable layers} */
    int layerCount();

    /**
     * {@return the number of presynaptic neurons (rows of the weight matrix)}
     *
     * @param layer the layer index, in {@code [0, layerCount())}
     */
    int inputs(int layer);

    /**
     * {@return the number of postsynaptic neurons (columns of the weight matrix)}
     *
     * @param layer the layer index, in {@code [0, layerCount())}
     */
    int outputs(int layer);

    /**
     * The live weights of a layer (not a copy): they change as the trainer applies updates.
     * Strategies only read them.
     *
     * @param layer the layer index, in {@code [0, layerCount())}
     * @return the weights, length {@code inputs(layer) * outputs(layer)}, row-major by input
     */
    float[] weights(int layer);

    /**
     * A new array of zeros for every weight, one per weight matrix: the shape that
     * {@link GradientOracle#gradients} fills and that per-weight importances take.
     *
     * @return per matrix, an array of {@code inputs(layer) * outputs(layer)} zeros
     */
    default double[][] newPerWeight() {
        double[][] out = new double[layerCount()][];
        for (int l = 0; l < out.length; l++) {
            out[l] = new double[inputs(l) * outputs(l)];
        }
        return out;
    }

    /**
     * Whether a layer belongs to one task only, like the readout of task-incremental learning
     * (each task trains only its own classes' units). Protecting such a layer would only keep new
     * tasks from learning, so projection strategies leave it alone, as GPM does with its
     * task-specific heads (Saha et al. 2021).
     *
     * @param layer the layer
     * @return {@code true} if every task trains its own part of the layer
     */
    default boolean taskSpecific(int layer) {
        return false;
    }

    /**
     * The output units of a task's head in the last layer: in task-incremental learning the units of
     * the task's classes; every output when tasks share them.
     *
     * @param task the task index
     * @return the units, in increasing order (a new array)
     */
    default int[] headUnits(int task) {
        return java.util.stream.IntStream.range(0, outputs(layerCount() - 1)).toArray();
    }

    /**
     * The output units of a task's own classes in the last layer (the units its labels name), in
     * every scenario. A view that does not know the tasks' classes answers {@link #headUnits}.
     *
     * @param task the task index
     * @return the units, in increasing order (a new array)
     */
    default int[] classUnits(int task) {
        return headUnits(task);
    }

    /**
     * A view of one dense layer, e.g. the plastic projection of a network trained by a local rule.
     *
     * @param inputs  presynaptic neurons
     * @param outputs postsynaptic neurons
     * @param weights the live weights, length {@code inputs * outputs}, row-major by input
     * @return the view
     */
    static ModelView singleLayer(int inputs, int outputs, float[] weights) {
        return new ModelView() {
            @Override
            public int layerCount() {
                return 1;
            }

            @Override
            public int inputs(int layer) {
                return inputs;
            }

            @Override
            public int outputs(int layer) {
                return outputs;
            }

            @Override
            public float[] weights(int layer) {
                return weights;
            }
        };
    }
}
