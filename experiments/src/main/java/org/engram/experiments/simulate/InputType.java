package org.engram.experiments.simulate;

import java.util.List;

/** The kinds of input an {@code engram simulate} config may list, with the keys each reads. */
enum InputType {
    /** Independent Poisson spike trains into chosen neurons of the target, at a constant or changing rate. */
    POISSON("poisson", List.of("target", "neurons", "rate_hz", "times_ms", "rates_hz", "weight", "receptor")),
    /**
     * A piecewise-constant current into chosen neurons of the target, or a constant one whose
     * amplitude may be drawn per neuron.
     */
    CURRENT("current", List.of("target", "neurons", "times_ms", "amplitudes_pa", "amplitude_pa")),
    /** A Gaussian white-noise current, drawn afresh every step, into chosen neurons of the target. */
    NOISE("noise", List.of("target", "neurons", "mean_pa", "std_pa")),
    /** A sinusoidal current into chosen neurons of the target. */
    SINUSOIDAL("sinusoidal", List.of("target", "neurons", "amplitude_pa", "frequency_hz", "phase_deg", "offset_pa"));

    private final String configName;
    private final List<String> keys;

    InputType(String configName, List<String> keys) {
        this.configName = configName;
        this.keys = keys;
    }

    /** @return the name used in configs */
    String configName() {
        return configName;
    }

    /** @return the keys this type reads besides {@code type}; any other key given would be ignored */
    List<String> keys() {
        return keys;
    }

    /**
     * @param name a config name, or null
     * @return the type of that name, or null if there is none
     */
    static InputType byConfigName(String name) {
        for (InputType t : values()) {
            if (t.configName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
