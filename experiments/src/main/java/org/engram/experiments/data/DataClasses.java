package org.engram.experiments.data;

import java.util.function.IntFunction;

/**
 * The label checks shared by everything that trains on located data with a stated count of classes
 * ({@code data.classes} of {@code engram run}, {@code --classes} of {@code engram bench}): a readout
 * sized by a damaged label grows units no sample is of, and a test class no training sample is of is
 * scored without a word.
 */
public final class DataClasses {
    private DataClasses() {
    }

    /**
     * Reads the test set beside training data read within {@code classes}. A test label past them is
     * of a class no training sample is of, which no larger count of classes mends: the reader's advice
     * to raise the count to that label, right for a training label, would end in that refusal.
     *
     * @param located the data
     * @param classes number of classes: every label must lie in [0, classes)
     * @return the test set
     * @throws DataFileException naming the test labels' file, the item or class, and what was expected
     */
    public static Dataset testBeside(LocatedData located, int classes) {
        try {
            return located.test(classes);
        } catch (DataFileException refused) {
            Dataset anyLabels;
            try {
                anyLabels = located.test(IdxReader.MAX_CLASSES);
            } catch (DataFileException broken) {
                throw refused;
            }
            for (int label : anyLabels.labels()) {
                if (label >= classes) {
                    throw unseenClass(anyLabels, label, located);
                }
            }
            throw refused;
        }
    }

    /**
     * Refuses test samples of a class no training sample is of, then a count of classes other than the
     * data's (one past its largest training label): a larger count grows readout units no sample is
     * of (12 on Fashion-MNIST's 10 classes trained and scored without a word).
     *
     * @param classes  the count of classes stated
     * @param train    the training set, read within {@code classes}
     * @param test     the test set, read within {@code classes}
     * @param located  where both were read, for messages
     * @param mismatch makes the refusal of the count stated, given the data's count; its expected rule
     *                 is {@link #expected(Dataset, LocatedData)}
     * @throws DataFileException naming the test labels' class the training samples lack
     */
    public static void require(int classes, Dataset train, Dataset test, LocatedData located,
            IntFunction<RuntimeException> mismatch) {
        int[] trained = train.classCounts();
        int[] tested = test.classCounts();
        for (int c = 0; c < tested.length; c++) {
            if (tested[c] > 0 && trained[c] == 0) {
                throw unseenClass(test, c, located);
            }
        }
        if (ofTraining(train) != classes) {
            throw mismatch.apply(ofTraining(train));
        }
    }

    /**
     * What a count of classes is expected to be, for the refusal of one that is not the data's.
     *
     * @param train   the training set
     * @param located where it was read
     * @return e.g. {@code the number of classes of the data, whose largest training label is 9 (...)}
     */
    public static String expected(Dataset train, LocatedData located) {
        return "the number of classes of the data, whose largest training label is " + (ofTraining(train) - 1)
                + " (" + located + ")";
    }

    /** {@return one past the largest training label} */
    private static int ofTraining(Dataset train) {
        int[] trained = train.classCounts();
        int largest = trained.length - 1;
        while (largest > 0 && trained[largest] == 0) {
            largest--;
        }
        return largest + 1;
    }

    /**
     * A test set's class that no training sample is of, which no count of classes mends. The message
     * gives the first item of that class, so that a damaged label can be found in the file.
     */
    private static DataFileException unseenClass(Dataset test, int c, LocatedData located) {
        int count = test.classCounts()[c];
        int first = 0;
        while (test.label(first) != c) {
            first++;
        }
        String items = count == 1 ? "item " + first : count + " items, the first item " + first;
        return new DataFileException(test.source(), "labels", "classes the training samples have", "class " + c
                + " (" + items + "), which no training sample of " + located + " is of",
                "test and training sets of the same classes");
    }
}
