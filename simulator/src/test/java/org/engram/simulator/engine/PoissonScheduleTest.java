package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.ParameterException;
import org.engram.simulator.input.PoissonInput;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.model.Receptor;
import org.engram.simulator.monitor.StateRecorder;
import org.engram.simulator.network.Network;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Poisson input whose rate changes over time. Each neuron counts its input events: a LIF neuron
 * with a leak far slower than the run (tau_m 1e12 ms), a threshold out of reach and events of
 * 1 mV holds its count in its potential (the leak loses under 1e-6 mV), so the counts of each
 * piece of the schedule are compared with the Poisson law of its rate.
 */
class PoissonScheduleTest {
    private static final int NEURONS = 200;
    /** 0 Hz to 100 ms, 20 kHz to 200 ms, 5 kHz to 300 ms, then 0 again. */
    private static final double[] TIMES_MS = {100, 200, 300};
    private static final double[] RATES_HZ = {20_000, 5_000, 0};

    private static Network counters(double[] timesMs, double[] ratesHz) {
        NetworkBuilder b = new NetworkBuilder(0.1).seed(11);
        Population<?, ?> p = b.population("p", NEURONS, LifDelta.MODEL,
                new LifDelta.Params(1e12, 250, 0, 1e9, 0, 2, 0));
        b.poissonInput(new PoissonInput(p, timesMs, ratesHz, 1.0, Receptor.EXCITATORY));
        return b.build();
    }

    /** Each neuron's count of events at the end of every 100 ms, from 1 to 4 (index 0 is time 0). */
    private static long[][] countsPer100Ms(Network net, EngineOptions options) {
        return countsPer100Ms(net, options, 400);
    }

    /** The same, the 400 ms run in parts of the given lengths (ms) on one engine. */
    private static long[][] countsPer100Ms(Network net, EngineOptions options, double... partsMs) {
        int[] all = new int[NEURONS];
        for (int i = 0; i < NEURONS; i++) {
            all[i] = i;
        }
        long[][] counts = new long[NEURONS][5];
        try (Engine e = new Engine(net, options)) {
            StateRecorder v = e.recordState(net.population("p"), "v", all, 100);
            for (double part : partsMs) {
                e.run(part);
            }
            for (int i = 0; i < NEURONS; i++) {
                double[] trace = v.trace(i);
                for (int k = 0; k < 4; k++) {
                    counts[i][k + 1] = Math.round(trace[k]);
                    assertEquals(counts[i][k + 1], trace[k], 1e-3, "a count held in the potential");
                }
            }
        }
        return counts;
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void eachPieceDrawsAtItsOwnRateAndNoneOutsideThem(Mode mode) {
        long[][] counts = countsPer100Ms(counters(TIMES_MS, RATES_HZ), new EngineOptions(1, mode));
        double[] expectedPerNeuron = {0, 2000, 500, 0};
        for (int piece = 0; piece < 4; piece++) {
            long total = 0;
            double sumOfSquares = 0;
            double mean = expectedPerNeuron[piece];
            for (long[] c : counts) {
                long n = c[piece + 1] - c[piece];
                total += n;
                sumOfSquares += (n - mean) * (n - mean);
            }
            if (mean == 0) {
                assertEquals(0, total, "events where the rate is 0, piece " + piece);
                continue;
            }
            // The total is Poisson with mean NEURONS * mean: within 5 standard deviations.
            double expectedTotal = NEURONS * mean;
            assertEquals(expectedTotal, total, 5 * Math.sqrt(expectedTotal), "piece " + piece);
            // Poisson counts: the variance across neurons equals the mean (Fano factor 1). Its
            // sample estimate over 200 neurons has a relative sd of about sqrt(2 / 199) = 0.1.
            double fano = sumOfSquares / (NEURONS - 1) / mean;
            assertTrue(fano > 0.6 && fano < 1.4, "Fano factor " + fano + ", piece " + piece);
        }
    }

    /**
     * In grid mode the count of a step depends on the step and the rate alone: an input at 20 kHz
     * from 100 ms on draws, from then on, exactly the counts of an input at 20 kHz throughout, the
     * silent steps before drawing nothing and shifting nothing.
     */
    @Test
    void gridCountsDependOnTheStepNotOnTheRatesBefore() {
        long[][] late = countsPer100Ms(counters(new double[] {100}, new double[] {20_000}), EngineOptions.grid(1));
        long[][] always = countsPer100Ms(counters(new double[] {0}, new double[] {20_000}), EngineOptions.grid(1));
        for (int i = 0; i < NEURONS; i++) {
            assertEquals(0, late[i][1]);
            for (int k = 2; k <= 4; k++) {
                assertEquals(always[i][k] - always[i][k - 1], late[i][k] - late[i][k - 1], "neuron " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theCountsDoNotDependOnTheThreadCount(Mode mode) {
        long[][] one = countsPer100Ms(counters(TIMES_MS, RATES_HZ), new EngineOptions(1, mode));
        long[][] three = countsPer100Ms(counters(TIMES_MS, RATES_HZ),
                new EngineOptions(3, mode).withMinParallelNeuronSteps(0));
        for (int i = 0; i < NEURONS; i++) {
            assertArrayEquals(one[i], three[i], "neuron " + i);
        }
    }

    /**
     * A rate profile sampled step by step (here 1,000 pieces of 0.1 ms, 40 distinct rates over and
     * over, then 1,000 distinct ones) gives the counts of its rates: the tables past 64 distinct
     * rates keep no guide, which changes no count, and each piece costs a few hundred bytes where a
     * guided table took kilobytes (a 10 s profile ran out of memory).
     */
    @Test
    void aRateProfileOfManyPiecesDrawsItsRates() {
        int pieces = 1000;
        double[] times = new double[pieces];
        double[] cycled = new double[pieces];
        double[] distinct = new double[pieces];
        double sum = 0;
        for (int k = 0; k < pieces; k++) {
            times[k] = k * 0.1;
            cycled[k] = 10_000 + 500 * (k % 40);
            distinct[k] = 10_000 + 20 * k;
            sum += distinct[k];
        }
        // Repeated rates share their tables, which keep their guides: the same counts as one constant
        // piece per rate would give, checked here against the mean.
        long[][] fewRates = countsPer100Ms(counters(times, cycled), EngineOptions.grid(1));
        long[][] manyRates = countsPer100Ms(counters(times, distinct), EngineOptions.grid(1));
        double expectedCycled = 0;
        for (double r : cycled) {
            expectedCycled += r * 0.1e-3;
        }
        long totalCycled = 0;
        long totalMany = 0;
        for (int i = 0; i < NEURONS; i++) {
            totalCycled += fewRates[i][1];
            totalMany += manyRates[i][1];
        }
        assertEquals(NEURONS * expectedCycled, totalCycled, 5 * Math.sqrt(NEURONS * expectedCycled));
        double expectedMany = NEURONS * sum * 0.1e-3;
        assertEquals(expectedMany, totalMany, 5 * Math.sqrt(expectedMany));
    }

    /**
     * Equal rates share one count table, and a schedule of more than 64 distinct rates keeps its
     * tables without guides (kilobytes each with them: a 10 s profile sampled per step ran out of
     * memory); {@code GuideTableTest} checks that both kinds draw the same counts.
     */
    @Test
    void manyDistinctRatesKeepTheirTablesSmallAndEqualRatesShareOne() {
        double[] times = new double[130];
        double[] repeated = new double[130];
        double[] distinct = new double[130];
        for (int k = 0; k < times.length; k++) {
            times[k] = k * 0.1;
            repeated[k] = 1000 * (1 + k % 64);
            distinct[k] = 1000 * (1 + k);
        }
        Network net = counters(times, repeated);
        PoissonDrive few = new PoissonDrive(net.poissonInputs().get(0), 0, 1, net.grid(), Mode.GRID);
        assertSame(few.tableOf(0), few.tableOf(64), "one table for one rate");
        assertTrue(few.tableOf(0).guided() && few.tableOf(129).guided());
        Network wide = counters(times, distinct);
        PoissonDrive many = new PoissonDrive(wide.poissonInputs().get(0), 0, 1, wide.grid(), Mode.GRID);
        assertFalse(many.tableOf(0).guided() || many.tableOf(129).guided());
    }

    /** A run in parts, across the changes and between them, draws what one run does, in both modes. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aRunInPartsDrawsWhatOneRunDoes(Mode mode) {
        long[][] whole = countsPer100Ms(counters(TIMES_MS, RATES_HZ), new EngineOptions(1, mode));
        long[][] parts = countsPer100Ms(counters(TIMES_MS, RATES_HZ), new EngineOptions(1, mode), 50, 100, 33.3, 116.7,
                100);
        for (int i = 0; i < NEURONS; i++) {
            assertArrayEquals(whole[i], parts[i], "neuron " + i);
        }
    }

    /**
     * A Poisson process has no memory: however long since a neuron's last event, the count in the
     * 0.1 ms after a change of rate to 10 kHz is Poisson with mean 1. Precise mode spends one
     * exponential draw over the pieces, so the part of it spent before the change must be taken
     * off what is left; added instead, it would hold back every neuron's first event after the
     * change, by about two mean intervals. Over 1,000 neurons the total is Poisson with mean
     * 1,000: within 5 standard deviations (158) whatever the seed, bar a chance of 6e-7.
     */
    @Test
    void preciseEventsRightAfterARateChangeFollowTheNewRate() {
        int neurons = 1000;
        NetworkBuilder b = new NetworkBuilder(0.1).seed(11);
        Population<?, ?> p = b.population("p", neurons, LifDelta.MODEL,
                new LifDelta.Params(1e12, 250, 0, 1e9, 0, 2, 0));
        b.poissonInput(new PoissonInput(p, new double[] {0, 5}, new double[] {20_000, 10_000}, 1.0,
                Receptor.EXCITATORY));
        Network net = b.build();
        int[] all = new int[neurons];
        for (int i = 0; i < neurons; i++) {
            all[i] = i;
        }
        double total = 0;
        try (Engine e = new Engine(net, EngineOptions.precise(1))) {
            StateRecorder v = e.recordState(p, "v", all, 0.1);
            e.run(5.1);
            for (int i = 0; i < neurons; i++) {
                // Samples at the ends of the steps: index 49 is 5.0 ms, index 50 is 5.1 ms.
                total += v.trace(i)[50] - v.trace(i)[49];
            }
        }
        assertEquals(neurons * 1.0, total, 5 * Math.sqrt(neurons * 1.0), "events in [5.0, 5.1] ms");
    }

    @Test
    void aConstantRateIsOneChangeAtTimeZero() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
        PoissonInput constant = new PoissonInput(p, 300, 0.1, Receptor.EXCITATORY);
        assertArrayEquals(new double[] {0}, constant.timesMs());
        assertArrayEquals(new double[] {300}, constant.ratesHz());
        assertEquals("rate_hz", constant.rateKey(0));
        constant.ratesHz()[0] = -5;   // a copy: the input keeps its checked rate
        constant.timesMs()[0] = 7;
        assertArrayEquals(new double[] {300}, constant.ratesHz());
        assertArrayEquals(new double[] {0}, constant.timesMs());
        assertEquals("rates_hz[0]", new PoissonInput(p, new double[] {5}, new double[] {300}, 0.1,
                Receptor.EXCITATORY).rateKey(0));
    }

    @Test
    void badSchedulesAreRefusedByElement() {
        NetworkBuilder b = new NetworkBuilder(0.1);
        Population<?, ?> p = b.population("p", 1, LifDelta.MODEL, LifDelta.MODEL.defaults());
        assertEquals("poisson input to 'p': times_ms[1]: expected a time > times_ms[0] = 50.0 (ms), found 50.0",
                refused(() -> new PoissonInput(p, new double[] {50, 50}, new double[] {1, 2}, 0.1,
                        Receptor.EXCITATORY)));
        assertEquals("poisson input to 'p': rates_hz[1]: expected a finite number >= 0 (Hz), found -2.0",
                refused(() -> new PoissonInput(p, new double[] {0, 50}, new double[] {1, -2}, 0.1,
                        Receptor.EXCITATORY)));
        assertEquals("poisson input to 'p': rates_hz: expected one rate per change time (2 times), found 1",
                refused(() -> new PoissonInput(p, new double[] {0, 50}, new double[] {1}, 0.1, Receptor.EXCITATORY)));
        assertEquals("poisson input to 'p': rate_hz: expected a finite number >= 0 (Hz), found NaN",
                refused(() -> new PoissonInput(p, Double.NaN, 0.1, Receptor.EXCITATORY)));
        assertEquals("poisson input to 'p': times_ms[1]: expected a whole number of time steps (multiple of dt = "
                        + "0.1 ms), found 50.05",
                refused(() -> b.poissonInput(new PoissonInput(p, new double[] {0, 50.05}, new double[] {1, 2}, 0.1,
                        Receptor.EXCITATORY))));
    }

    @Test
    void aRateBeyondTheGridLimitIsNamedByItsPlaceInTheSchedule() {
        Network net = counters(new double[] {0, 10}, new double[] {10, 1e7});
        ParameterException e = assertThrows(ParameterException.class, () -> new Engine(net, EngineOptions.grid(1)));
        assertEquals("rates_hz[1]", e.location(), e.getMessage());
    }

    private static String refused(Runnable r) {
        return assertThrows(ParameterException.class, r::run).getMessage();
    }
}
