package org.engram.experiments.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest, with the Java runtime. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = EngramCommand.class.getPackage().getImplementationVersion();
        return new String[] {"engram " + (v == null ? "development build" : v),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
