package org.engram.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

class DatasetTest {
    /** Three 1 x 3 images; image s holds values (s+1)/10, (s+1)/10 + 0.01, (s+1)/10 + 0.02. */
    private static Dataset three() {
        float[] px = {0.1f, 0.11f, 0.12f, 0.2f, 0.21f, 0.22f, 0.3f, 0.31f, 0.32f};
        return Dataset.of("d", "test", 1, 3, 4, px, new int[] {2, 0, 2});
    }

    @Test
    void ofCopiesItsInputs() {
        float[] px = {0.5f};
        int[] lab = {1};
        Dataset d = Dataset.of("d", "test", 1, 1, 2, px, lab);
        px[0] = 0.9f;
        lab[0] = 0;
        assertEquals(0.5f, d.pixel(0, 0));
        assertEquals(1, d.label(0));
    }

    @Test
    void rejectsPixelsOutsideUnitIntervalAndNaN() {
        assertThrows(ParameterException.class,
                () -> Dataset.of("d", "t", 1, 1, 2, new float[] {Float.NaN}, new int[] {0}));
        assertThrows(ParameterException.class,
                () -> Dataset.of("d", "t", 1, 1, 2, new float[] {1.5f}, new int[] {0}));
        assertThrows(ParameterException.class,
                () -> Dataset.of("d", "t", 1, 1, 2, new float[] {0.5f}, new int[] {2}));
    }

    /** Each rule of {@link Dataset#of} at its edge: the values on it are taken, those past it refused by name. */
    @Test
    void ofTakesEveryValueOnItsRulesEdgesAndNamesWhatBreaksThem() {
        Dataset edges = Dataset.of("e", "t", 1, 2, 1, new float[] {0f, 1f}, new int[] {0});
        assertArrayEquals(new float[] {0f, 1f}, edges.features(0));
        ParameterException noRows = assertThrows(ParameterException.class,
                () -> Dataset.of("e", "t", 0, 2, 1, new float[0], new int[0]));
        assertEquals("0 x 2", noRows.found());
        ParameterException noCols = assertThrows(ParameterException.class,
                () -> Dataset.of("e", "t", 2, 0, 1, new float[0], new int[0]));
        assertEquals("2 x 0", noCols.found());
        ParameterException noClasses = assertThrows(ParameterException.class,
                () -> Dataset.of("e", "t", 1, 1, 0, new float[0], new int[0]));
        assertEquals("classes", noClasses.location());
        ParameterException count = assertThrows(ParameterException.class,
                () -> Dataset.of("e", "t", 1, 3, 4, new float[5], new int[] {0, 1}));
        assertEquals("2 samples x 3 features = 6 values", count.expected());
        assertEquals("5 values", count.found());
        // Value 4 of six is sample 1's feature 1 (1 x 3 images).
        ParameterException pixel = assertThrows(ParameterException.class,
                () -> Dataset.of("e", "t", 1, 3, 4, new float[] {0, 0, 0, 0, 1.5f, 0}, new int[] {0, 1}));
        assertEquals("pixel 1 of sample 1", pixel.location());
    }

    @Test
    void limitToNoneIsEmptyAndToAllIsTheSameSet() {
        Dataset d = three();
        assertSame(d, d.limit(3));
        Dataset none = d.limit(0);
        assertEquals(0, none.size());
        assertEquals("test -> first 0", none.source());
        assertEquals("d", none.name());
        assertEquals("d (0 samples of 1 x 3, 4 classes; test -> first 0)", none.toString());
    }

    /** Indices and classes on the edge of their range are taken; one past it is refused by name, not as a crash. */
    @Test
    void subsetsTakeTheEdgesOfTheirRangeAndNameWhatIsPastThem() {
        Dataset d = three();
        Dataset ends = d.subset(new int[] {2, 0}, "ends");
        assertEquals("ends", ends.name());
        assertArrayEquals(new int[] {2, 2}, ends.labels());
        assertArrayEquals(new float[] {0.1f, 0.11f, 0.12f}, ends.features(1));
        for (int index : new int[] {-1, 3}) {
            ParameterException e = assertThrows(ParameterException.class, () -> d.subset(new int[] {index}, "s"));
            assertEquals("an index in [0, 3)", e.expected());
        }
        assertArrayEquals(new int[] {0}, d.onlyClasses(new int[] {0, 3}, "c").labels());
        for (int c : new int[] {-1, 4}) {
            ParameterException e = assertThrows(ParameterException.class, () -> d.onlyClasses(new int[] {c}, "c"));
            assertEquals("a class in [0, 4)", e.expected());
        }
        ParameterException pastEnd = assertThrows(ParameterException.class,
                () -> d.permuted(new int[] {0, 3, 1}, "p", "bad"));
        assertEquals("permutation[1]", pastEnd.location());
        ParameterException negative = assertThrows(ParameterException.class,
                () -> d.permuted(new int[] {0, -1, 1}, "p", "bad"));
        assertEquals("permutation[1]", negative.location());
        ParameterException length = assertThrows(ParameterException.class,
                () -> d.permuted(new int[] {0, 1}, "p", "bad"));
        assertEquals("exactly 3 entries", length.expected());
    }

    /** A transform may give pixels of 0 and 1 exactly; one past them is a bug of the transform. */
    @Test
    void mapImagesTakesOutputsOnTheUnitIntervalsEdges() {
        Dataset d = three();
        Dataset edges = d.mapImages((in, out) -> {
            out[0] = 0f;
            out[1] = 1f;
            out[2] = in[2];
        }, "edges", "to the edges");
        assertArrayEquals(new float[] {0f, 1f, 0.22f}, edges.features(1));
        assertEquals("test -> to the edges", edges.source());
        for (float bad : new float[] {-0.01f, 1.01f, Float.NaN}) {
            assertThrows(IllegalStateException.class, () -> d.mapImages((in, out) -> out[1] = bad, "b", "bad"));
        }
    }

    @Test
    void limitAndOnlyClassesKeepOrderAndRecordDerivation() {
        Dataset d = three();
        assertSame(d, d.limit(5));
        Dataset first = d.limit(2);
        assertArrayEquals(new int[] {2, 0}, first.labels());
        assertTrue(first.source().endsWith("first 2"), first.source());
        Dataset twos = d.onlyClasses(new int[] {2}, "twos");
        assertArrayEquals(new int[] {2, 2}, twos.labels());
        assertArrayEquals(new float[] {0.3f, 0.31f, 0.32f}, twos.features(1));
        assertArrayEquals(new int[] {1, 0, 2, 0}, d.classCounts());
    }

    @Test
    void permutedViewsCompose() {
        Dataset d = three();
        // p maps new feature i to old feature p[i]: (2, 0, 1) then (1, 2, 0) gives old (0, 1, 2).
        Dataset p = d.permuted(new int[] {2, 0, 1}, "p", "perm a");
        assertArrayEquals(new float[] {0.22f, 0.2f, 0.21f}, p.features(1));
        Dataset back = p.permuted(new int[] {1, 2, 0}, "q", "perm b");
        assertArrayEquals(d.features(1), back.features(1));
        // a subset of a view keeps the view's order
        assertArrayEquals(new float[] {0.32f, 0.3f, 0.31f}, p.subset(new int[] {2}, "s").features(0));
        assertThrows(ParameterException.class, () -> d.permuted(new int[] {0, 0, 1}, "bad", "dup"));
    }

    @Test
    void mapImagesAppliesTransformPerImage() {
        Dataset d = three();
        Dataset reversed = d.mapImages((in, out) -> {
            for (int i = 0; i < in.length; i++) {
                out[i] = in[in.length - 1 - i];
            }
        }, "r", "reversed");
        assertArrayEquals(new float[] {0.12f, 0.11f, 0.1f}, reversed.features(0));
        assertArrayEquals(d.labels(), reversed.labels());
    }

    /** The hash is the SHA-256 of the bytes its Javadoc lists, written out here by hand. */
    @Test
    void sha256HashesShapeLabelsAndPixelsAsTheLearnerSeesThem() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(16 + 3 * 16).putInt(3).putInt(1).putInt(3).putInt(4);
        b.putInt(2).putFloat(0.1f).putFloat(0.11f).putFloat(0.12f);
        b.putInt(0).putFloat(0.2f).putFloat(0.21f).putFloat(0.22f);
        b.putInt(2).putFloat(0.3f).putFloat(0.31f).putFloat(0.32f);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
        assertEquals(expected, Dataset.sha256(List.of(three())));
        // A permuted view is other input to the learner, hence another hash.
        assertNotEquals(expected, Dataset.sha256(List.of(three().permuted(new int[] {2, 0, 1}, "p", "perm"))));
    }
}
