package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OtherHeadsTest {
    /**
     * Task-incremental readout of 2 inputs x 4 units, heads {0, 1} and {2, 3}; a hidden layer of 1 x 2
     * weights shared by every task. Task 1 starts: in every row of the readout (row-major by input) the
     * entries of units 0 and 1, the other head, are zeroed and those of its own head kept; the shared
     * layer is left whole.
     */
    @Test
    void zeroesTheOtherHeadsColumnsAndKeepsTheOwnHeadAndSharedLayers() {
        StubModel model = StubModel.withHeads(new int[] {1, 2}, new int[] {2, 4}, t -> new int[] {2 * t, 2 * t + 1});
        OtherHeads other = OtherHeads.of(new FixedTask(1, Scenario.TASK_INCREMENTAL, 1, model, null, List.of()));
        double[][] perWeight = {{1, 2}, {1, 2, 3, 4, 5, 6, 7, 8}};
        other.leaveOut(perWeight);
        assertArrayEquals(new double[] {1, 2}, perWeight[0], 0);
        assertArrayEquals(new double[] {0, 0, 3, 4, 0, 0, 7, 8}, perWeight[1], 0);
    }
}
