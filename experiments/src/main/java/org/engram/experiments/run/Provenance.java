package org.engram.experiments.run;

import java.time.Instant;
import java.util.List;

/**
 * How a run was made: software and machine, when, with which seeds, threads and data, and the
 * hash of the resolved config (which, with the data, decides every result but the timings).
 *
 * @param engramVersion   Engram's version (jar manifest), or {@code development build}
 * @param engramCommit    the commit Engram was built from, {@code -dirty} with uncommitted changes;
 *                        null when built without git
 * @param javaVersion     Java runtime version
 * @param javaVm          Java virtual machine name and vendor
 * @param os              operating system name and version
 * @param arch            CPU architecture
 * @param processors      processors available to the JVM
 * @param startTime       when the run started (ISO-8601 UTC); for a resumed run, the second its run
 *                        id gives
 * @param seeds           the seeds
 * @param threads         worker threads (of the session that finished the run)
 * @param jobs            units (strategy and seed) trained at once, each on {@code threads} (of the
 *                        session that finished the run)
 * @param dataOrigin      how the data was found ({@code CONFIG_PATH}, {@code ENVIRONMENT},
 *                        {@code SYSTEM_FOLDER}, {@code BUNDLED_SUBSET}, or {@code GENERATED})
 * @param dataLocation    the data folder or classpath location, or the generator
 * @param dataSha256      SHA-256 of the training and test sets as read (as in {@code data.json}), or
 *                        {@code null} for generated patterns
 * @param configSha256    SHA-256 of the run's resolved {@code config.yaml} (a resume that changes the
 *                        threads keeps the file, and its hash, as the run started)
 * @param resultSha256    SHA-256 of the resolved config with threads set to 1 (what the results depend on)
 * @param commandLine     the arguments of {@code engram run} (of the session that finished the run)
 * @param resumedAt       when the session that finished a resumed run started, or {@code null} for
 *                        a run that was never stopped
 * @param strategyCode    the code of the strategies of one's own the run used (of the session that
 *                        finished it), empty when all are built in
 * @param engramCommits   the Engram commits of the sessions that trained the run, in the order they
 *                        ran, a build listed again only after another ({@code unknown} for a build
 *                        without git, or sessions that did not record theirs): {@code engramCommit}
 *                        alone, unless the run was resumed by another build
 */
public record Provenance(String engramVersion, String engramCommit, String javaVersion, String javaVm, String os,
                         String arch, int processors, String startTime, List<Long> seeds, int threads,
                         int jobs, String dataOrigin, String dataLocation, String dataSha256, String configSha256,
                         String resultSha256, List<String> commandLine, String resumedAt,
                         List<StrategyCode> strategyCode, List<String> engramCommits) {
    /**
     * The provenance of this session's run.
     *
     * @param start   when the run started
     * @param resumed when this session resumed it, or {@code null} if it started it
     */
    static Provenance of(Instant start, Instant resumed, List<Long> seeds, int threads, int jobs, DataRecord data,
            String configHash, String resultHash, List<String> args, List<StrategyCode> strategyCode,
            List<String> engramCommits) {
        Platform p = Platform.current();
        return new Provenance(p.engramVersion(), p.engramCommit(), p.javaVersion(), p.javaVm(), p.os(), p.arch(),
                p.processors(), start.toString(), List.copyOf(seeds), threads, jobs,
                data.origin() == null ? "GENERATED" : data.origin().name(), data.location(), data.sha256(), configHash,
                resultHash, List.copyOf(args), resumed == null ? null : resumed.toString(), List.copyOf(strategyCode),
                List.copyOf(engramCommits));
    }
}
