package org.engram.experiments.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The software and machine a run or simulation ran on, as their provenance records it.
 *
 * @param engramVersion Engram's version (jar manifest), or {@code development build}
 * @param engramCommit  the commit Engram was built from, abbreviated, with {@code -dirty} when the
 *                      working tree had uncommitted changes; null when it was built without git
 * @param javaVersion   Java runtime version
 * @param javaVm        Java virtual machine name and vendor
 * @param os            operating system name and version
 * @param arch          CPU architecture
 * @param processors    processors available to the JVM
 */
public record Platform(String engramVersion, String engramCommit, String javaVersion, String javaVm, String os,
                       String arch, int processors) {
    /** Written by the build (the antrun step of experiments/pom.xml) next to this class. */
    private static final String COMMIT_FILE = "build-commit.properties";

    /** {@return the platform of this process} */
    public static Platform current() {
        String version = Platform.class.getPackage().getImplementationVersion();
        return new Platform(version == null ? "development build" : version, buildCommit(),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name") + " (" + System.getProperty("java.vm.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors());
    }

    /** {@return the version and, when known, the commit, as {@code engram --version} prints them} */
    public String engramRelease() {
        return engramVersion + (engramCommit == null ? "" : " (commit " + engramCommit + ")");
    }

    private static String buildCommit() {
        try (InputStream in = Platform.class.getResourceAsStream(COMMIT_FILE)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            String id = p.getProperty("git.commit.id.abbrev");
            return id == null || id.isBlank() ? null : id + ("true".equals(p.getProperty("git.dirty")) ? "-dirty" : "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + COMMIT_FILE + " from Engram's jar", e);
        }
    }
}
