package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.engram.learning.io.StateCodec;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;

/**
 * An anchor read from a checkpoint (EWC, MAS and L2 read theirs this way) is refused, with where
 * and what, unless its importance has the anchor's shape: a damaged state would otherwise fail
 * later, with an index out of bounds in the middle of training.
 */
class QuadraticAnchorTest {
    @Test
    void anAnchorOfTheSameShapeIsReadBack() throws IOException {
        QuadraticAnchor a = read(new double[][] {{1, 2}, {3}}, new float[][] {{4, 5}, {6}});
        assertArrayEquals(new double[] {1, 2}, a.importance[0], 0);
        assertArrayEquals(new float[] {6}, a.anchor[1], 0);
    }

    @Test
    void importanceOfAnotherLayerCountIsRefused() {
        EngramException e = refused(new double[][] {{1, 2}, {3}}, new float[][] {{4, 5}});
        assertEquals("mas.importance layer count", e.location(), e.getMessage());
        assertEquals("2", e.found());
    }

    @Test
    void anImportanceRowOfAnotherLengthIsRefused() {
        EngramException e = refused(new double[][] {{1, 2}, {3, 4}}, new float[][] {{4, 5}, {6}});
        assertEquals("mas.importance[1] length", e.location(), e.getMessage());
        assertEquals("1", e.expected());
        assertEquals("2", e.found());
    }

    @Test
    void aMissingImportanceRowIsRefused() {
        EngramException e = refused(new double[][] {{1, 2}, null}, new float[][] {{4, 5}, {6}});
        assertEquals("mas.importance[1] length", e.location(), e.getMessage());
        assertEquals("-1", e.found());
    }

    @Test
    void aMissingAnchorRowIsRefusedWithOrWithoutImportance() {
        for (double[][] importance : new double[][][] {null, {{1, 2}, {3}}}) {
            EngramException e = refused(importance, new float[][] {{4, 5}, null});
            assertEquals("mas.anchor[1]", e.location(), e.getMessage());
            e = refused(importance, new float[][] {null, {6}});
            assertEquals("mas.anchor[0]", e.location(), e.getMessage());
        }
    }

    private static EngramException refused(double[][] importance, float[][] anchor) {
        return assertThrows(EngramException.class, () -> read(importance, anchor));
    }

    /** Reads an anchor written field by field as {@link QuadraticAnchor#write} lays it out. */
    private static QuadraticAnchor read(double[][] importance, float[][] anchor) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeBoolean(importance != null);
        if (importance != null) {
            StateCodec.writeDoubles(out, importance);
        }
        StateCodec.writeFloats(out, anchor);
        return QuadraticAnchor.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), "mas");
    }
}
