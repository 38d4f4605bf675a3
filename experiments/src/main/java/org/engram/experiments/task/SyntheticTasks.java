package org.engram.experiments.task;

import java.util.ArrayList;
import java.util.List;

import org.engram.experiments.data.Dataset;
import org.engram.simulator.ParameterException;
import org.engram.simulator.random.Purpose;
import org.engram.simulator.random.RandomStreams;
import org.engram.simulator.random.SplitMixRandom;

/**
 * Builds small seeded tasks of noisy input patterns, for tests and quick demonstrations.
 *
 * <p>Each class has a prototype over {@code inputs} input neurons: a fixed set of
 * {@code round(activeFraction * inputs)} active inputs at intensity 1, the rest at 0. A sample is
 * its class prototype plus independent Gaussian noise of standard deviation {@code noise} per input,
 * clipped to [0, 1]; an encoder turns the intensities into spike rates. Task {@code t} holds classes
 * {@code t * classesPerTask} to {@code (t + 1) * classesPerTask - 1}. Prototypes of task {@code t}
 * come from {@code RandomStreams.of(seed, Purpose.TASK, t)}, its training noise from index
 * {@code t + 2^32} and its test noise from {@code t + 2^33}. Samples are stored as 1 x inputs images.
 */
public final class SyntheticTasks {
    private SyntheticTasks() {
    }

    /**
     * What to generate.
     *
     * @param tasks          number of tasks, {@code > 0}
     * @param classesPerTask classes per task, {@code > 0}
     * @param inputs         input neurons (features) per sample, {@code > 0}
     * @param trainPerClass  training samples per class, {@code > 0}
     * @param testPerClass   test samples per class, {@code > 0}
     * @param activeFraction fraction of inputs active in a prototype, in (0, 1]
     * @param noise          standard deviation of the per-input Gaussian noise (intensity), {@code >= 0}
     * @param seed           experiment seed
     */
    public record Spec(int tasks, int classesPerTask, int inputs, int trainPerClass, int testPerClass,
            double activeFraction, double noise, long seed) {
        /**
         * Checks every field.
         *
         * @param tasks          number of tasks, {@code > 0}
         * @param classesPerTask classes per task, {@code > 0}
         * @param inputs         input neurons (features) per sample, {@code > 0}
         * @param trainPerClass  training samples per class, {@code > 0}
         * @param testPerClass   test samples per class, {@code > 0}
         * @param activeFraction fraction of inputs active in a prototype, in (0, 1]
         * @param noise          standard deviation of the per-input Gaussian noise (intensity), {@code >= 0}
         * @param seed           experiment seed
         */
        public Spec {
            positive("tasks", tasks);
            positive("classes_per_task", classesPerTask);
            positive("inputs", inputs);
            positive("train_per_class", trainPerClass);
            positive("test_per_class", testPerClass);
            if (!(activeFraction > 0 && activeFraction <= 1)) {
                throw new ParameterException("synthetic tasks", "active_fraction", "a fraction in (0, 1]",
                        activeFraction);
            }
            ParameterException.requireNonNegative("synthetic tasks", "noise", noise, "intensity");
        }

        private static void positive(String name, int value) {
            if (value <= 0) {
                throw new ParameterException("synthetic tasks", name, "a count > 0", value);
            }
        }
    }

    /**
     * Generates the sequence.
     *
     * @param spec what to generate
     * @return the sequence; the same spec always gives the same samples
     */
    public static TaskSequence of(Spec spec) {
        int k = spec.classesPerTask();
        int classes = spec.tasks() * k;
        int active = Math.max(1, (int) Math.round(spec.activeFraction() * spec.inputs()));
        List<Task> list = new ArrayList<>();
        for (int t = 0; t < spec.tasks(); t++) {
            SplitMixRandom protoRng = RandomStreams.of(spec.seed(), Purpose.TASK, t);
            float[][] prototypes = new float[k][];
            int[] taskClasses = new int[k];
            for (int j = 0; j < k; j++) {
                prototypes[j] = prototype(spec.inputs(), active, protoRng);
                taskClasses[j] = t * k + j;
            }
            String name = "classes " + taskClasses[0] + "-" + taskClasses[k - 1];
            String source = "synthetic patterns (seed " + spec.seed() + ", task " + t + ", " + spec + ")";
            Dataset train = samples("synthetic/train/" + t, source, prototypes, taskClasses, classes,
                    spec.trainPerClass(), spec.noise(), RandomStreams.of(spec.seed(), Purpose.TASK, t + (1L << 32)));
            Dataset test = samples("synthetic/test/" + t, source, prototypes, taskClasses, classes,
                    spec.testPerClass(), spec.noise(), RandomStreams.of(spec.seed(), Purpose.TASK, t + (1L << 33)));
            list.add(new Task(t, name, train, test, taskClasses));
        }
        return new TaskSequence("synthetic", spec.toString(), list);
    }

    private static float[] prototype(int inputs, int active, SplitMixRandom rng) {
        int[] order = new int[inputs];
        for (int i = 0; i < inputs; i++) {
            order[i] = i;
        }
        float[] p = new float[inputs];
        // Partial Fisher-Yates: the first `active` entries of the shuffle are the active inputs.
        for (int i = 0; i < active; i++) {
            int j = i + rng.nextInt(inputs - i);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
            p[order[i]] = 1f;
        }
        return p;
    }

    /** Samples interleaved by class (c0, c1, ..., c0, c1, ...) so any prefix is balanced. */
    private static Dataset samples(String name, String source, float[][] prototypes, int[] taskClasses,
            int classes, int perClass, double noise, SplitMixRandom rng) {
        int inputs = prototypes[0].length;
        int k = prototypes.length;
        float[] px = new float[perClass * k * inputs];
        int[] labels = new int[perClass * k];
        int s = 0;
        for (int rep = 0; rep < perClass; rep++) {
            for (int j = 0; j < k; j++) {
                labels[s] = taskClasses[j];
                for (int i = 0; i < inputs; i++) {
                    double v = prototypes[j][i] + noise * rng.nextGaussian();
                    px[s * inputs + i] = (float) Math.min(1.0, Math.max(0.0, v));
                }
                s++;
            }
        }
        return Dataset.of(name, source, 1, inputs, classes, px, labels);
    }
}
