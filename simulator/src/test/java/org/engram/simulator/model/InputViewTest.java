package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InputViewTest {

    @Test
    void stepReadsTheRowAfterItInTheRing() {
        double[][] ex = {{1, 2}, {3, 4}, {5, 6}};
        double[][] in = {{-1, -2}, {-3, -4}, {-5, -6}};
        double[][] current = {{10, 20}, {30, 40}, {50, 60}};
        InputView view = new InputView(ex, in, current);
        int row = view.row(4); // (4 + 1) % 3
        assertEquals(2, row);
        assertEquals(6, view.excitatory(row, 1));
        assertEquals(-5, view.inhibitory(row, 0));
        assertEquals(60, view.current(row, 1));
    }

    @Test
    void withoutCurrentRowsTheCurrentIsZero() {
        InputView view = new InputView(new double[][] {{1}, {2}}, new double[][] {{0}, {0}}, null);
        assertEquals(0.0, view.current(view.row(0), 0));
        assertEquals(2.0, view.excitatory(view.row(0), 0));
    }

    @Test
    void takingAnInputReturnsItAndLeavesZeroInItsPlace() {
        double[][] ex = {{1, 2}, {3, 4}};
        double[][] in = {{-1, -2}, {-3, -4}};
        double[][] current = {{10, 20}, {30, 40}};
        InputView view = new InputView(ex, in, current);
        int row = view.row(0);
        assertEquals(4, view.takeExcitatory(row, 1));
        assertEquals(-3, view.takeInhibitory(row, 0));
        assertEquals(40, view.takeCurrent(row, 1));
        assertArrayEquals(new double[][] {{1, 2}, {3, 0}}, ex);
        assertArrayEquals(new double[][] {{-1, -2}, {0, -4}}, in);
        assertArrayEquals(new double[][] {{10, 20}, {30, 0}}, current);
        assertEquals(0, view.takeExcitatory(row, 1), "taken once");
    }

    @Test
    void withoutCurrentRowsTakingTheCurrentGivesZero() {
        InputView view = new InputView(new double[][] {{1}, {2}}, new double[][] {{0}, {0}}, null);
        assertEquals(0.0, view.takeCurrent(view.row(0), 0));
    }

    @Test
    void rowsOfDifferentLengthsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new InputView(new double[][] {{1, 2}, {3}}, new double[][] {{0, 0}, {0, 0}}, null));
        assertThrows(IllegalArgumentException.class,
                () -> new InputView(new double[][] {{1}}, new double[][] {{0}, {0}}, null));
    }
}
