package org.engram.simulator.model;

/** The closed form that tests hold a LIF neuron under a constant current to. */
public final class LifAnalytic {
    /**
     * A cell for tests of the closed forms: NEST's {@code iaf_psc_delta} defaults but for a reset of
     * -68 mV, apart from rest so that the interval's two logarithm arguments differ, and no bias.
     */
    public static final LifDelta.Params CELL = new LifDelta.Params(10.0, 250.0, -70.0, -55.0, -68.0, 2.0, 0);

    private LifAnalytic() {
    }

    /**
     * @param iE a bias current (pA)
     * @return {@link #CELL} with that bias {@code i_e}
     */
    public static LifDelta.Params cellWithBias(double iE) {
        return new LifDelta.Params(CELL.tauM(), CELL.cM(), CELL.eL(), CELL.vTh(), CELL.vReset(), CELL.tRef(), iE);
    }

    /**
     * The inter-spike interval of a {@code lif_delta} neuron under a constant current {@code I} above
     * its rheobase: {@code t_ref + tau_m ln((R I - (V_reset - E_L)) / (R I - (V_th - E_L)))}.
     *
     * @param p       the neuron's parameters; {@code I} is their bias {@code i_e} plus {@code extraPa}
     * @param extraPa a current beside the bias (pA)
     * @return the interval in ms
     */
    public static double isiMs(LifDelta.Params p, double extraPa) {
        double drive = p.resistance() * (p.iE() + extraPa);
        return p.tRef() + p.tauM() * Math.log((drive - (p.vReset() - p.eL())) / (drive - (p.vTh() - p.eL())));
    }
}
