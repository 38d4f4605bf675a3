package org.engram.learning.continual;

/**
 * The entries of per-weight arrays that belong to readout units a step of the current task does
 * not move: in task-incremental learning, those of the other tasks' heads (the trainer leaves
 * readout units alone that no sample of the batch may be assigned to). A gradient projection
 * leaves them out of its reference gradients: the trainer would drop their share of a projected
 * gradient after the projection, and the step would no longer keep the constraint it was
 * projected onto.
 */
final class OtherHeads {
    /** Per matrix, whether it holds task-specific heads (task-incremental readout). */
    private final boolean[] headMatrix;
    /** Per matrix, its number of output units (columns). */
    private final int[] columns;
    /** The current task's readout units: the head columns a step trains. */
    private final boolean[] ownHead;

    private OtherHeads(boolean[] headMatrix, int[] columns, boolean[] ownHead) {
        this.headMatrix = headMatrix;
        this.columns = columns;
        this.ownHead = ownHead;
    }

    /**
     * {@return the other heads of the task that starts}
     *
     * @param task the task boundary's view, at {@code beforeTask}
     */
    static OtherHeads of(TaskContext task) {
        ModelView model = task.model();
        int layers = model.layerCount();
        boolean[] headMatrix = new boolean[layers];
        int[] columns = new int[layers];
        int widest = 0;
        for (int l = 0; l < layers; l++) {
            headMatrix[l] = model.taskSpecific(l);
            columns[l] = model.outputs(l);
            widest = Math.max(widest, columns[l]);
        }
        boolean[] ownHead = new boolean[widest];
        // A head's units are readout units (ModelView#headUnits), so each lies below the widest layer's width.
        for (int unit : model.headUnits(task.taskIndex())) {
            ownHead[unit] = true;
        }
        return new OtherHeads(headMatrix, columns, ownHead);
    }

    /**
     * Zeroes the entries of readout units outside the current task's head, in every head matrix.
     *
     * @param perWeight per matrix, an array shaped like its weights (row-major by input); changed in place
     */
    void leaveOut(double[][] perWeight) {
        for (int l = 0; l < perWeight.length; l++) {
            if (headMatrix[l]) {
                leaveOut(perWeight[l], columns[l]);
            }
        }
    }

    private void leaveOut(double[] r, int post) {
        for (int row = 0; row < r.length; row += post) {
            for (int j = 0; j < post; j++) {
                if (!ownHead[j]) {
                    r[row + j] = 0;
                }
            }
        }
    }
}
