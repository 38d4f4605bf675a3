package org.engram.simulator.model;

import java.util.Arrays;
import org.engram.simulator.Problems;
import org.engram.simulator.engine.TimeGrid;

/**
 * Izhikevich's (2003) two-variable model, which reproduces many cortical firing patterns
 * (regular spiking, fast spiking, bursting, ...) with four parameters.
 *
 * <p>Dynamics (v in mV; u and I in mV/ms, the unit of dv/dt; t in ms):
 * <pre>
 *   dv/dt = 0.04 v^2 + 5 v + 140 - u + I,   I = i_e + I_ext(t)
 *   du/dt = a (b v - u)
 *   if v >= 30 mV: v -> c, u -> u + d
 * </pre>
 * {@code I} is in the model's own unit, in which one unit raises {@code dv/dt} by 1 mV/ms (the
 * model has no capacitance); external current input is added to {@code I} unchanged. Synapses
 * are delta synapses: a weight (mV) makes {@code v} jump at the end of the step it arrives in.
 *
 * <p>Integration: forward Euler with each grid step split into {@code n = ceil(dt / 0.005 ms)}
 * equal substeps (20 for {@code dt = 0.1} ms), {@code v} and {@code u} updated together from the
 * values at the start of the substep; the peak is checked after every substep, so the explosive
 * upstroke never runs past one substep. At the end of the step the synaptic jumps are added and
 * the peak checked again. Euler's error puts each spike some 0.012-0.019 ms after a fourth-order
 * Runge-Kutta integration at 0.0001 ms, whatever {@code dt}, and the lag adds up (0.23 ms after
 * 500 ms of regular spiking at 10 mV/ms, 1.3 ms for fast spiking: a rate some 0.3% low), so spike
 * counts agree to about one in a hundred (see the tests for the measured agreement). There is no
 * refractory period: input strong enough to reach the peak twice within one step gives two spikes
 * with that step's time. Below about -5,060 mV (at the 0.005 ms substep) an Euler substep overshoots
 * by more than it corrects, until one reaches the peak: a neuron that would fire so fails the run with
 * an {@link ArithmeticException} that names it and its state (the engine wraps it in its
 * {@code KernelFailed}).
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>default (regular spiking)</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>a</td><td>0.02</td><td>1/ms</td><td>recovery rate of u, {@code < 400} (the Euler substep's
 *       stability: {@code a h < 2})</td></tr>
 *   <tr><td>b</td><td>0.2</td><td>1/ms</td><td>sensitivity of u to v</td></tr>
 *   <tr><td>c</td><td>-65</td><td>mV</td><td>reset of v, {@code < 30}</td></tr>
 *   <tr><td>d</td><td>8</td><td>mV/ms</td><td>increase of u at a spike</td></tr>
 *   <tr><td>v_init</td><td>-65</td><td>mV</td><td>initial v</td></tr>
 *   <tr><td>u_init</td><td>-13 (b v_init)</td><td>mV/ms</td><td>initial u; a config that changes {@code b} or
 *       {@code v_init} keeps -13 unless it sets {@code u_init} too</td></tr>
 *   <tr><td>i_e</td><td>0</td><td>mV/ms</td><td>constant bias input</td></tr>
 * </table>
 * Presets: {@link #regularSpiking()} (excitatory cortical cells; adapting) and
 * {@link #fastSpiking()} (inhibitory interneurons; high rate without adaptation).
 *
 * <p>Reference: E. M. Izhikevich (2003), Simple model of spiking neurons, IEEE Trans. Neural
 * Networks 14:1569-1572.
 */
public final class Izhikevich extends AbstractNeuronModel<Izhikevich.Params, Izhikevich.State> {

    /** The shared instance; the model holds no data. */
    public static final Izhikevich MODEL = new Izhikevich();

    /** Name used in configs. */
    public static final String NAME = "izhikevich";

    /** Spike cut-off of v (mV). */
    public static final double V_PEAK = 30.0;

    /** The longest Euler substep (ms). */
    static final double MAX_SUBSTEP_MS = 0.005;

    /**
     * Parameters of {@link Izhikevich}, each a finite number, validated on construction.
     *
     * @param a     recovery rate of u (1/ms), {@code > 0} and {@code < 400}
     * @param b     sensitivity of u to v (1/ms)
     * @param c     reset of v (mV), {@code < 30}
     * @param d     increase of u at a spike (mV/ms)
     * @param vInit initial v (mV)
     * @param uInit initial u (mV/ms)
     * @param iE    constant bias input (mV/ms)
     */
    public record Params(double a, double b, double c, double d, double vInit, double uInit, double iE) {
        /**
         * Validates every parameter.
         *
         * @param a     recovery rate of u (1/ms), {@code > 0} and {@code < 400}
         * @param b     sensitivity of u to v (1/ms)
         * @param c     reset of v (mV), {@code < 30}
         * @param d     increase of u at a spike (mV/ms)
         * @param vInit initial v (mV)
         * @param uInit initial u (mV/ms)
         * @param iE    constant bias input (mV/ms)
         */
        public Params {
            Problems p = new Problems(NAME);
            if (p.positive("a", a, "1/ms")) {
                // Forward Euler on u multiplies its distance to b v by (1 - a h) per substep.
                p.inRange(a * MAX_SUBSTEP_MS < 2, "a", "a value < " + 2 / MAX_SUBSTEP_MS + " (1/ms; above it"
                        + " the Euler substep of " + MAX_SUBSTEP_MS + " ms diverges)", a);
            }
            p.finite("b", b, "1/ms");
            if (p.finite("c", c, "mV")) {
                p.inRange(c < V_PEAK, "c", "a value < the spike peak " + V_PEAK + " (mV)", c);
            }
            p.finite("d", d, "mV/ms");
            p.finite("v_init", vInit, "mV");
            p.finite("u_init", uInit, "mV/ms");
            p.finite("i_e", iE, "mV/ms");
            p.throwIfAny();
        }

        /**
         * Parameters with the neuron at {@code v_init = c}, {@code u_init = b c} and no bias.
         *
         * @param a recovery rate of u (1/ms)
         * @param b sensitivity of u to v (1/ms)
         * @param c reset of v (mV)
         * @param d increase of u at a spike (mV/ms)
         * @return the parameters
         */
        public static Params of(double a, double b, double c, double d) {
            return new Params(a, b, c, d, c, b * c, 0.0);
        }

        /**
         * A copy with another bias.
         *
         * @param bias the constant bias input (mV/ms)
         * @return the new parameters
         */
        public Params withBias(double bias) {
            return new Params(a, b, c, d, vInit, uInit, bias);
        }
    }

    /** State: membrane potential and recovery variable. */
    public static final class State extends NeuronState {
        /** Membrane potential (mV). */
        public final double[] v;
        /** Recovery variable (mV/ms). */
        public final double[] u;
        /** The kernel's scratch: spikes of each neuron in the step being advanced. */
        final int[] spikesInStep;

        State(int size, Params p) {
            super(size);
            v = variable("v", "mV");
            u = variable("u", "mV/ms");
            Arrays.fill(v, p.vInit());
            Arrays.fill(u, p.uInit());
            spikesInStep = new int[size];
        }
    }

    private Izhikevich() {
        super(NAME, "Izhikevich (2003) quadratic model with recovery variable (RS, FS, ... presets); grid mode",
                Params.class);
    }

    /** {@inheritDoc} NEST's {@code izhikevich} takes the spike cut-off as {@code V_th} (any spelling). */
    @Override
    public String hintFor(String parameter) {
        return parameter.replace("_", "").equalsIgnoreCase("vth") ? NAME + " resets v when it reaches " + V_PEAK
                + " mV, a value fixed here (NEST's V_th at its default)" : null;
    }

    /**
     * Regular spiking (excitatory cortical neuron): {@code a = 0.02, b = 0.2, c = -65, d = 8}.
     *
     * @return the parameters, starting at {@code v = -65} mV and {@code u = -13} as in Izhikevich
     *         (2003); without input the neuron settles at its resting point, {@code v = -70} mV
     *         and {@code u = -14} (where {@code 0.04 v^2 + 5 v + 140 = b v}), within 0.1 mV
     *         after about 110 ms
     */
    public static Params regularSpiking() {
        return Params.of(0.02, 0.2, -65.0, 8.0);
    }

    /**
     * Fast spiking (inhibitory interneuron): {@code a = 0.1, b = 0.2, c = -65, d = 2}.
     *
     * @return the parameters, starting at {@code v = -65} mV and {@code u = -13} as in Izhikevich
     *         (2003); without input the neuron settles at its resting point, {@code v = -70} mV
     *         and {@code u = -14} (where {@code 0.04 v^2 + 5 v + 140 = b v}), within 0.1 mV
     *         after about 25 ms
     */
    public static Params fastSpiking() {
        return Params.of(0.1, 0.2, -65.0, 2.0);
    }

    /** About 40 ns a neuron-step at dt = 0.1 ms: 20 Euler substeps. */
    @Override
    public double stepCost() {
        return 40;
    }

    /** {@inheritDoc} A weight is a jump of v. */
    @Override
    public String weightUnit() {
        return "mV";
    }

    @Override
    public Params defaults() {
        return regularSpiking();
    }

    @Override
    public State newState(int size, Params params) {
        return new State(size, params);
    }

    @Override
    public Kernel<State> prepare(Params p, TimeGrid grid) {
        return new GridKernel(p, grid);
    }

    private static final class GridKernel implements Kernel<State> {
        private final int substeps;
        private final double h;
        private final double ha;
        private final double b;
        private final double c;
        private final double d;
        private final double iE;
        /**
         * The lowest {@code v} (mV) from which an Euler substep of {@code v} still converges: below it the
         * slope of {@code dv/dt}, {@code 0.08 v + 5}, is under {@code -2 / h}, and each substep overshoots
         * by more than it corrects, until one lands on the huge positive values that fire the neuron (about
         * -5,060 mV at {@code h} = 0.005 ms, which only an absurd inhibitory input reaches).
         */
        private final double vFloor;

        GridKernel(Params p, TimeGrid grid) {
            substeps = grid.substeps(MAX_SUBSTEP_MS);
            h = grid.dtMs() / substeps;
            vFloor = (-2 / h - 5) / 0.08;
            ha = h * p.a();
            b = p.b();
            c = p.c();
            d = p.d();
            iE = p.iE();
        }

        /**
         * Substep by substep, and inside each substep neuron by neuron, so that independent neurons'
         * updates overlap in the processor (one neuron's substeps form a chain of dependent
         * operations); each neuron sees the same operations in the same order as substeps taken one
         * neuron at a time. The spikes found are reported after the step, in neuron order, as the
         * kernel contract asks.
         */
        @Override
        public void update(State s, int lo, int hi, int fromStep, int toStep, InputView in, SpikeSink out) {
            final double[] vs = s.v;
            final double[] us = s.u;
            final int[] spikes = s.spikesInStep;
            for (int step = fromStep; step < toStep; step++) {
                final int row = in.row(step);
                for (int k = 0; k < substeps; k++) {
                    for (int i = lo; i < hi; i++) {
                        final double start = vs[i];
                        double u = us[i];
                        double dv = (0.04 * start + 5.0) * start + 140.0 - u + (iE + in.current(row, i));
                        u += ha * (b * start - u);
                        double v = start + h * dv;
                        if (v >= V_PEAK) {
                            if (!(start >= vFloor)) {
                                // Checked where a diverging substep ends, off the common path.
                                throw diverged(i, start, us[i], iE + in.current(row, i));
                            }
                            v = c;
                            u += d;
                            spikes[i]++;
                        }
                        vs[i] = v;
                        us[i] = u;
                    }
                }
                for (int i = lo; i < hi; i++) {
                    double v = vs[i] + in.excitatory(row, i) + in.inhibitory(row, i);
                    if (v >= V_PEAK) {
                        v = c;
                        us[i] += d;
                        spikes[i]++;
                    }
                    vs[i] = v;
                    for (; spikes[i] > 0; spikes[i]--) {
                        out.spike(i, step);
                    }
                }
            }
        }

        /** The failure of neuron {@code i}, whose substep from {@code v}, below {@link #vFloor}, reached the peak. */
        private ArithmeticException diverged(int i, double v, double u, double current) {
            return new ArithmeticException(NAME + " neuron " + i + ": v = " + v + " mV, u = " + u + ", input current "
                    + current + ": below " + vFloor + " mV, where the Euler substep of " + h + " ms diverges, and"
                    + " it overshot to the peak (the synaptic and injected inputs have no reversal potential: a large"
                    + " inhibitory one drives v without bound)");
        }
    }
}
