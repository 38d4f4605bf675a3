package org.engram.experiments.data;

import org.engram.simulator.EngramException;

/**
 * A dataset file or folder that is missing, truncated or not in the expected format.
 *
 * <p>Example message: {@code /data/train-images-idx3-ubyte.gz: data: expected 47040000 bytes after the
 * 16-byte header (60000 images of 28 x 28), found 1024 bytes (file is truncated)}.
 */
public class DataFileException extends EngramException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param file     the file or folder, as a path or classpath name
     * @param what     the part of the file that is wrong (e.g. {@code "magic number"})
     * @param expected the rule the part had to satisfy
     * @param found    what the file contains instead
     */
    public DataFileException(String file, String what, String expected, String found) {
        super(file, what, expected, found, null);
    }

    /**
     * Creates the error with a hint on how to fix it.
     *
     * @param file     the file or folder, as a path or classpath name
     * @param what     the part of the file that is wrong
     * @param expected the rule the part had to satisfy
     * @param found    what the file contains instead
     * @param hint     how to fix it (e.g. where to get the data)
     */
    public DataFileException(String file, String what, String expected, String found, String hint) {
        super(file, what, expected, found, hint);
    }
}
