package org.engram.experiments.run;

import java.nio.file.Path;
import org.engram.simulator.EngramException;

/**
 * The partial folder of a run, simulation or comparison was removed or renamed while its process
 * wrote into it (by hand, or by a clean-up of a scratch file system). The process stops: making
 * the folder anew had finished the run as a folder of only the files written after the removal,
 * without its config or metrics, and reported that as a success.
 */
public final class RunFolderGone extends EngramException {
    private static final long serialVersionUID = 1L;

    /**
     * @param folder the partial folder that is gone
     * @param cause  the failed file operation that showed it, or null
     */
    RunFolderGone(Path folder, Throwable cause) {
        super(folder.toString(), null, "the folder this process writes its results into",
                "none: it was removed or renamed while the process worked (by hand, or by a clean-up of the file"
                        + " system)", "nothing more is written; start the work again");
        if (cause != null) {
            initCause(cause);
        }
    }
}
