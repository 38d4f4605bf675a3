package org.engram.experiments.config.usermodel;

/**
 * A model of one's own as a user's package may write it: its parameter record is not public, and the config
 * reader, in another package, sees only what {@link #defaults()} hands it.
 */
public final class HiddenParams {
    private HiddenParams() {
    }

    /** Parameters declared where only this package sees them. */
    record Params(double tauM, double vTh) {
    }

    /** {@return the defaults, tau_m 20 ms and v_th -50 mV} */
    public static Record defaults() {
        return new Params(20, -50);
    }
}
