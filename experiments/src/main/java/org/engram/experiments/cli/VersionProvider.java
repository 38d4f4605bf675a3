package org.engram.experiments.cli;

import org.engram.experiments.run.Platform;
import picocli.CommandLine;

/** Reports the version and commit Engram was built from, with the Java runtime. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"engram " + Platform.current().engramRelease(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
