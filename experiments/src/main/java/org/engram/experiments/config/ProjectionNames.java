package org.engram.experiments.config;

/**
 * The name a simulation config's projection takes when it gives none, which the config's checks, its
 * resolved {@code config.yaml} and a {@code --set} override's bracketed name all use.
 */
public final class ProjectionNames {
    private ProjectionNames() {
    }

    /**
     * @param source the source population's name
     * @param target the target population's name
     * @return {@code source->target}
     */
    public static String byDefault(String source, String target) {
        return source + "->" + target;
    }
}
