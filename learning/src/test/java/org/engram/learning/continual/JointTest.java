package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JointTest {
    @Test
    void everyBatchHoldsAsManySamplesOfEachEarlierTaskAsItsOwn() {
        int n = 3;
        List<SampleSet> tasks = List.of(
                ToyData.inSubspace(0, ToyData.axes(n, 0, 1), 2, 20, 1),
                ToyData.inSubspace(1, ToyData.axes(n, 1, 1), 2, 20, 2),
                ToyData.inSubspace(2, ToyData.axes(n, 2, 1), 2, 20, 3));
        int[] checked = new int[1];
        ContinualStrategy probe = new BatchProbe(b -> {
            int[] perTask = new int[3];
            for (int i = b.ownSize(); i < b.size(); i++) {
                int t = b.task(i);
                perTask[t]++;
                // inputs of task t lie on axis t: the appended sample really comes from task t
                assertTrue(b.input(i)[t] != 0 && b.input(i)[(t + 1) % 3] == 0);
            }
            for (int t = 0; t < 3; t++) {
                assertEquals(t < b.taskIndex() ? b.ownSize() : 0, perTask[t], "task " + t);
            }
            checked[0]++;
        });
        new ToyTrainer(new ToyLinearModel(n, 2, 1), Strategies.chain(new Joint(), probe), tasks,
                Scenario.DOMAIN_INCREMENTAL, 4).runAll();
        assertEquals(3 * 3 * 2, checked[0], "3 tasks x 3 epochs x 2 batches");
    }
}
