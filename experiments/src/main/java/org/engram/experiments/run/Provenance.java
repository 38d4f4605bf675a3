package org.engram.experiments.run;

import java.time.Instant;
import java.util.List;

/**
 * How a run was made: software and machine, when, with which seeds, threads and data, and the
 * hash of the resolved config (which, with the data, decides every result but the timings).
 *
 * @param engramVersion   Engram's version (jar manifest), or {@code development build}
 * @param javaVersion     Java runtime version
 * @param javaVm          Java virtual machine name and vendor
 * @param os              operating system name and version
 * @param arch            CPU architecture
 * @param processors      processors available to the JVM
 * @param startTime       when the run started (ISO-8601 UTC)
 * @param seeds           the seeds
 * @param threads         worker threads
 * @param dataOrigin      how the data was found ({@code CONFIG_PATH}, {@code ENVIRONMENT},
 *                        {@code SYSTEM_FOLDER}, {@code BUNDLED_SUBSET}, or {@code GENERATED})
 * @param dataLocation    the data folder or classpath location, or the generator
 * @param dataSha256      SHA-256 of the training and test sets as read (as in {@code data.json}), or
 *                        {@code null} for generated patterns
 * @param configSha256    SHA-256 of the resolved {@code config.yaml}
 * @param resultSha256    SHA-256 of the resolved config with threads set to 1 (what the results depend on)
 * @param commandLine     the arguments of {@code engram run}
 */
public record Provenance(String engramVersion, String javaVersion, String javaVm, String os, String arch,
                         int processors, String startTime, List<Long> seeds, int threads, String dataOrigin,
                         String dataLocation, String dataSha256, String configSha256, String resultSha256,
                         List<String> commandLine) {
    static Provenance of(Instant start, List<Long> seeds, int threads, DataRecord data, String configHash,
            String resultHash, List<String> args) {
        String version = Provenance.class.getPackage().getImplementationVersion();
        return new Provenance(version == null ? "development build" : version, System.getProperty("java.version"),
                System.getProperty("java.vm.name") + " (" + System.getProperty("java.vm.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), start.toString(), List.copyOf(seeds), threads,
                data.origin() == null ? "GENERATED" : data.origin().name(), data.location(), data.sha256(), configHash,
                resultHash, List.copyOf(args));
    }
}
