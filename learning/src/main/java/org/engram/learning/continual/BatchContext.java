package org.engram.learning.continual;

/**
 * What a strategy may see and change around one training batch.
 *
 * <p>The batch holds the current task's own samples first ({@code [0, ownSize())}), then the
 * samples strategies appended in {@code beforeBatch} (replay, joint training, dark experience
 * replay). The trainer trains on all {@link #size()} samples with their labels and task heads, and
 * adds the distillation terms strategies attached (see {@link DistillationTarget}); the loss of a
 * sample appended with {@link #appendOutsideMean} enters with its own weights rather than as a share
 * of the batch mean.
 */
public interface BatchContext {
    /** {@return the index of the current task, from 0} */
    int taskIndex();

    /** {@return the scenario of the task sequence} */
    Scenario scenario();

    /** {@return the epoch within the current task, from 0} */
    int epoch();

    /** {@return the batch index within the current task, from 0, counted across epochs} */
    int batchIndex();

    /** {@return the number of samples, own and appended} */
    int size();

    /** {@return the number of the current task's own samples, which come first} */
    int ownSize();

    /**
     * A sample's input vector; the caller must not modify it.
     *
     * @param i the position in the batch, in {@code [0, size())}
     * @return the input vector
     */
    float[] input(int i);

    /**
     * {@return the sample's class label}
     *
     * @param i the position in the batch
     */
    int label(int i);

    /**
     * {@return the task the sample belongs to (selects the head in task-incremental learning)}
     *
     * @param i the position in the batch
     */
    int task(int i);

    /**
     * {@return the sample's index in the current task's {@link SampleSet} for own samples, -1 for appended ones}
     *
     * @param i the position in the batch
     */
    int sampleIndex(int i);

    /**
     * Appends a sample to train on in this batch; only valid in {@code beforeBatch}.
     *
     * @param input the input vector (kept by reference; the caller must not change it afterwards)
     * @param label its class label, one of the task's classes
     * @param task  the task it belongs to, an index in {@code [0, taskIndex()]}
     * @throws org.engram.simulator.ParameterException if the input is not as long as the task's or
     *         the task has not started
     * @throws IllegalStateException after {@code beforeBatch}, when the batch has been trained on
     */
    void append(float[] input, int label, int task);

    /**
     * Appends a sample whose loss is added to the step's loss with weights of its own, outside the
     * batch mean; only valid in {@code beforeBatch}. With n samples in the mean (the own ones and
     * those {@link #append} added), the step's loss is
     * <pre>
     *   (1/n) sum_(mean) loss_i  +  sum_(outside) (classWeight_i * CE_i + match_i)
     * </pre>
     * so a strategy adds {@code w * mean} of a term over m samples by giving each {@code w / m}
     * (dark experience replay). The sample is trained with its label and task head as an appended
     * one is, its class mask included.
     *
     * @param input       the input vector (kept by reference; the caller must not change it afterwards)
     * @param label       its class label, one of its task's classes
     * @param task        the task it belongs to, an index in {@code [0, taskIndex()]}
     * @param classWeight the weight of its classification loss (cross-entropy), finite, {@code >= 0}
     * @param match       a term on its logits, or {@code null} for none
     * @throws org.engram.simulator.ParameterException if the input is not as long as the task's, the
     *         task has not started or the weight is negative or not finite
     * @throws IllegalStateException after {@code beforeBatch}, when the batch has been trained on
     */
    void appendOutsideMean(float[] input, int label, int task, double classWeight, LogitMatch match);

    /**
     * Narrows the classes a sample's cross-entropy runs over to those of its training mask (its
     * task's classes, or every class seen so far, as the scenario has it) that {@code classes}
     * allows; only valid in {@code beforeBatch}. The logits left out take no part in its softmax, so
     * its loss pushes none of them down (experience replay with asymmetric cross-entropy narrows the
     * incoming samples to their batch's classes). Its training accuracy is then measured among the
     * same classes. Calling it again replaces the earlier narrowing.
     *
     * @param i       the position in the batch
     * @param classes one flag per readout unit ({@code true}: allowed), its label's among them (kept
     *                by reference; the caller must not change it afterwards)
     * @throws org.engram.simulator.ParameterException if {@code classes} is null; one of another
     *         length or that leaves out the label is refused once the hook returns
     * @throws IllegalStateException after {@code beforeBatch}, when the batch has been trained on
     */
    void narrowClasses(int i, boolean[] classes);

    /**
     * The readout values (logits) of one of the batch's samples as this step's own training pass
     * computes them: at the weights the step starts from, from the same spike encoding; only valid
     * in {@code beforeBatch} (dark experience replay stores them). Costs one forward pass.
     *
     * @param i      the position in the batch
     * @param logits receives one value per readout unit
     * @throws IllegalStateException after {@code beforeBatch}, or when the trainer offers none
     */
    void outputs(int i, float[] logits);

    /**
     * Gradients, outputs and activity of the network at the weights this batch's step starts from;
     * only valid in {@code beforeBatch}, before the batch is trained on, and its calls leave the
     * step's own gradient alone (A-GEM's reference gradient over memory samples). A set of samples
     * of several tasks gives each one's task with {@link SampleSet#task(int)}, which selects its
     * head and class mask as training does; the encodings draw from streams of this batch of
     * their own, never those of training or of the oracle at task boundaries.
     *
     * @return the oracle
     * @throws IllegalStateException after {@code beforeBatch}, or when the trainer offers none
     */
    GradientOracle oracle();

    /**
     * Attaches a distillation term to a sample; only valid in {@code beforeBatch}.
     *
     * @param i      the position in the batch
     * @param target the soft targets and their weight
     * @throws IllegalStateException after {@code beforeBatch}, when the batch has been trained on
     */
    void addDistillationTarget(int i, DistillationTarget target);

    /**
     * {@return the number of distillation terms attached to the sample}
     *
     * @param i the position in the batch
     */
    int distillationTargetCount(int i);

    /**
     * {@return the term}
     *
     * @param i the position in the batch
     * @param k the term, in {@code [0, distillationTargetCount(i))}
     */
    DistillationTarget distillationTarget(int i, int k);

    /**
     * The mean gradient of the task loss over this batch for one layer, before penalties and
     * update transforms; valid in {@code afterBatch} (SI's path integral reads it).
     *
     * @param layer the layer index
     * @return the gradient (loss per unit weight), row-major like the weights; the caller must not modify it
     */
    float[] lossGradient(int layer);
}
