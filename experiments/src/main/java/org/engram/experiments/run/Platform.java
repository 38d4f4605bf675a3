package org.engram.experiments.run;

/**
 * The software and machine a run or simulation ran on, as their provenance records it.
 *
 * @param engramVersion Engram's version (jar manifest), or {@code development build}
 * @param javaVersion   Java runtime version
 * @param javaVm        Java virtual machine name and vendor
 * @param os            operating system name and version
 * @param arch          CPU architecture
 * @param processors    processors available to the JVM
 */
public record Platform(String engramVersion, String javaVersion, String javaVm, String os, String arch,
                       int processors) {
    /** @return the platform of this process */
    public static Platform current() {
        String version = Platform.class.getPackage().getImplementationVersion();
        return new Platform(version == null ? "development build" : version, System.getProperty("java.version"),
                System.getProperty("java.vm.name") + " (" + System.getProperty("java.vm.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors());
    }
}
