package org.engram.experiments.simulate;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.engram.simulator.EngramException;
import org.engram.simulator.HeapLimitExceeded;

/**
 * A simulation that ran to its end and whose folder keeps the files it wrote (its config, its recordings or those
 * it could write, and what else it made), but that could not make the rest of its results: the Java heap, holding
 * the run's recordings, had no room left for them. The folder is kept rather than discarded, so that a long run is
 * not lost to its plots or to one of its files.
 */
final class UnmadeResults extends EngramException {
    private static final long serialVersionUID = 1L;

    /**
     * @param folder the committed result folder
     * @param kept   the files it holds, as the summary lists them
     * @param unmade what could not be made, e.g. {@code "the plots"} or {@code "rates_a.csv"}
     */
    UnmadeResults(Path folder, List<String> kept, List<String> unmade) {
        super(folder + ": the simulation ran to its end and its folder keeps " + String.join(", ", kept) + ", but "
                + String.join(", ", unmade) + " could not be made: " + why() + "; record less (fewer neurons or"
                + " populations, a wider rate_bin_ms, a later record.from_ms), or " + HeapLimitExceeded.MORE_HEAP,
                null);
    }

    /** {@return why the results could not be made: the heap, its size in MB, and the recordings it holds} */
    static String why() {
        return String.format(Locale.ROOT, "the Java heap (%.0f MB in all) ran out beside the run's recordings",
                Runtime.getRuntime().maxMemory() / 1e6);
    }
}
