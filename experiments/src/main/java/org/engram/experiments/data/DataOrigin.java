package org.engram.experiments.data;

/** Where {@link DataLocator} found the data, in the order it looks. */
public enum DataOrigin {
    /** A folder named in the configuration or on the command line. */
    CONFIG_PATH,
    /** The folder in the environment variable {@code ENGRAM_DATA}. */
    ENVIRONMENT,
    /** The system folder of the Debian package {@code dataset-fashion-mnist}. */
    SYSTEM_FOLDER,
    /** The small class-balanced subset inside the Engram jar (3000 training and 1000 test images). */
    BUNDLED_SUBSET;

    /**
     * What data found this way is, for messages: a folder of one's own may hold any IDX data, the
     * Debian package's folder and the subset hold Fashion-MNIST.
     *
     * @return {@code Fashion-MNIST} or {@code IDX data}
     */
    public String dataName() {
        return this == SYSTEM_FOLDER || this == BUNDLED_SUBSET ? "Fashion-MNIST" : "IDX data";
    }

    /**
     * Data found this way at a location, for messages and summaries.
     *
     * @param location the folder (or the jar's resource path) the data was read from
     * @param setting  the setting that named a folder of {@link #CONFIG_PATH}, e.g. {@code data.path} or
     *                 {@code --data}; the other origins name themselves and ignore it
     * @return e.g. {@code IDX data from /data ($ENGRAM_DATA)} or {@code IDX data from /data (--data)}
     */
    public String describe(String location, String setting) {
        return dataName() + " from " + location + " (" + words(setting) + ")";
    }

    /**
     * How the data was found, in the user's words (the constant's name is for files that scripts
     * read, such as {@code metrics.json}).
     *
     * @return e.g. {@code data.path} or {@code $ENGRAM_DATA}
     */
    private String words(String setting) {
        return switch (this) {
            case CONFIG_PATH -> setting;
            case ENVIRONMENT -> "$" + DataLocator.ENV_VAR;
            case SYSTEM_FOLDER -> "the Debian package's folder";
            case BUNDLED_SUBSET -> "the bundled subset";
        };
    }
}
