package org.engram.learning.unsupervised;

import org.engram.simulator.ParameterException;

/**
 * Labels neurons by their class-wise responses and classifies by the labelled neurons' votes
 * (Diehl and Cook 2015, Methods 2.5).
 *
 * <p>Labelling: for each neuron {@code j} and class {@code c}, the mean response
 * {@code r_jc = (sum of j's spike counts over samples of class c) / (number of samples of c)};
 * the neuron's label is the class with the highest {@code r_jc} (the lowest such class on a tie),
 * or {@link #UNLABELLED} if it never fired. Classification: for each class, the mean spike count
 * of the neurons labelled with it; the prediction is the class with the highest mean among
 * classes that have labelled neurons (lowest class on a tie), or {@link #UNLABELLED} if no
 * neuron is labelled.
 *
 * <p>Labelling is that of the authors' published code (a neuron takes a class only with a mean above
 * 0 and above every lower class's). Its classification ranks every class, one without labelled
 * neurons at a mean of 0, and leaves the order of tied classes to the sort; here such a class
 * cannot win and a tie goes to the lowest class, so that a prediction depends on the responses alone.
 */
public final class NeuronVotes {
    /** The label of a neuron that never fired, and the prediction when no neuron is labelled. */
    public static final int UNLABELLED = -1;

    private static final String NAME = "neuron_votes";

    private final double[][] sums;
    private final int[] samples;

    /**
     * Starts an empty response table.
     *
     * @param classes number of classes, {@code >= 1}
     * @param neurons number of neurons, {@code >= 1}
     */
    public NeuronVotes(int classes, int neurons) {
        if (classes < 1 || neurons < 1) {
            throw new ParameterException(NAME, classes < 1 ? "classes" : "neurons", "an integer >= 1",
                    classes < 1 ? classes : neurons);
        }
        sums = new double[classes][neurons];
        samples = new int[classes];
    }

    /**
     * Adds the responses to one labelled sample.
     *
     * @param label  the sample's class
     * @param counts each neuron's spike count
     */
    public void record(int label, int[] counts) {
        if (label < 0 || label >= samples.length) {
            throw new ParameterException(NAME, "label", "a class in [0, " + samples.length + ")", label);
        }
        double[] row = sums[label];
        for (int j = 0; j < row.length; j++) {
            row[j] += counts[j];
        }
        samples[label]++;
    }

    /**
     * Each neuron's label: the class of its highest mean response.
     *
     * @return one class per neuron, or {@link #UNLABELLED} for a neuron that never fired
     */
    public int[] labels() {
        int neurons = sums[0].length;
        int[] labels = new int[neurons];
        for (int j = 0; j < neurons; j++) {
            int best = UNLABELLED;
            double bestMean = 0;
            for (int c = 0; c < samples.length; c++) {
                if (samples[c] > 0) {
                    double mean = sums[c][j] / samples[c];
                    if (mean > bestMean) {
                        bestMean = mean;
                        best = c;
                    }
                }
            }
            labels[j] = best;
        }
        return labels;
    }

    /**
     * Classifies one response by the mean spike count of each class's labelled neurons.
     *
     * @param labels  each neuron's label, from {@link #labels()}
     * @param classes number of classes
     * @param counts  each neuron's spike count for the sample
     * @return the predicted class, or {@link #UNLABELLED} if no neuron is labelled
     */
    public static int classify(int[] labels, int classes, int[] counts) {
        int best = UNLABELLED;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            long sum = 0;
            int members = 0;
            for (int j = 0; j < labels.length; j++) {
                if (labels[j] == c) {
                    sum += counts[j];
                    members++;
                }
            }
            if (members > 0) {
                double mean = (double) sum / members;
                if (mean > bestMean) {
                    bestMean = mean;
                    best = c;
                }
            }
        }
        return best;
    }
}
