package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The commit in provenance and {@code engram --version} is the one the classes were built from. */
class PlatformTest {
    @Test
    void theCommitIsTheCheckoutsHead() throws IOException, InterruptedException {
        Process git;
        try {
            git = new ProcessBuilder("git", "rev-parse", "--short=7", "HEAD").redirectErrorStream(true).start();
        } catch (IOException noGit) {
            assumeTrue(false, "git is not installed");
            return;
        }
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assumeTrue(git.waitFor() == 0, "not a git checkout: " + head);
        Platform p = Platform.current();
        assertTrue(p.engramCommit().equals(head) || p.engramCommit().equals(head + "-dirty"), p.engramCommit()
                + " against HEAD " + head);
        assertEquals(p.engramVersion() + " (commit " + p.engramCommit() + ")", p.engramRelease());
    }

    /** The machine's facts as Java's own APIs report them; classes outside a jar are a development build. */
    @Test
    void theRuntimeAndMachineAreThoseThisProcessRunsOn() {
        Platform p = Platform.current();
        // The runtime's version numbers (17.0.15), without its build and vendor suffix.
        assertEquals(Runtime.version().version().stream().map(String::valueOf).collect(Collectors.joining(".")),
                p.javaVersion());
        assertEquals(Runtime.getRuntime().availableProcessors(), p.processors());
        assertEquals(ManagementFactory.getOperatingSystemMXBean().getArch(), p.arch());
        assertEquals(ManagementFactory.getOperatingSystemMXBean().getName() + " "
                + ManagementFactory.getOperatingSystemMXBean().getVersion(), p.os());
        assertTrue(p.javaVm().startsWith(ManagementFactory.getRuntimeMXBean().getVmName() + " ("), p.javaVm());
        assertTrue(Platform.class.getProtectionDomain().getCodeSource().getLocation().getPath().endsWith("/"),
                "the tests run on the classes folder");
        assertEquals("development build", p.engramVersion());
    }
}
