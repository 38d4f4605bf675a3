package org.engram.experiments.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A second process's look at a run folder's lock: its {@code main} prints {@link RunFolder#holder} of
 * the folder it is given. A lock is per process, so only another process tells whether this one
 * still holds a folder as the operating system sees it.
 */
final class LockProbe {
    private LockProbe() {
    }

    /**
     * Prints who holds the folder's lock.
     *
     * @param args the folder
     */
    public static void main(String[] args) {
        System.out.print(RunFolder.holder(Path.of(args[0])));
    }

    /**
     * Runs {@link #main} in a new Java process with this one's class path.
     *
     * @param folder the run folder to look at
     * @return what that process saw
     * @throws IOException          if the process cannot be started
     * @throws InterruptedException if the wait for it is interrupted
     */
    static RunFolder.Holder fromAnotherProcess(Path folder) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                LockProbe.class.getName(), folder.toString())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String seen = new String(process.getInputStream().readAllBytes()).strip();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the probe failed (its errors above): " + seen);
        }
        return RunFolder.Holder.valueOf(seen);
    }
}
