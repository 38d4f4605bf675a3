package org.engram.experiments.simulate;

/**
 * The names of a simulation's files in its result folder. A population's name is a plain name (checked with the
 * config) and goes into its files' names as it is; a projection's name holds an arrow and is made fit for a file.
 */
final class ResultFileNames {
    private ResultFileNames() {
    }

    /** {@return the file of a population's spikes: {@code spikes_exc.csv} for {@code exc}} */
    static String spikesFile(String population) {
        return "spikes_" + population + ".csv";
    }

    /** {@return the file of a population's rates: {@code rates_exc.csv} for {@code exc}} */
    static String ratesFile(String population) {
        return "rates_" + population + ".csv";
    }

    /** {@return the file of a population's sampled state variable: {@code state_exc_v.csv} for {@code exc}, v} */
    static String stateFile(String population, String variable) {
        return "state_" + population + "_" + variable + ".csv";
    }

    /**
     * The file of a projection's synapses: {@code synapses_exc_to_inh.csv} for {@code exc->inh}, a
     * name's other characters outside letters, digits, {@code .}, {@code _} and {@code -} made {@code _}.
     */
    static String synapsesFile(String projection) {
        return "synapses_" + fileNamePart(projection) + ".csv";
    }

    /** The file of a projection's sampled weights: {@code weights_exc_to_inh.csv} for {@code exc->inh}. */
    static String weightsFile(String projection) {
        return "weights_" + fileNamePart(projection) + ".csv";
    }

    /** A projection's name as part of a file name: {@code ->} made {@code _to_}, other characters {@code _}. */
    static String fileNamePart(String projection) {
        return projection.replace("->", "_to_").replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
