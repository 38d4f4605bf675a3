package org.engram.experiments.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
        Process process = javaProcess(LockProbe.class, folder);
        String seen = new String(process.getInputStream().readAllBytes()).strip();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the probe failed (its errors above): " + seen);
        }
        return RunFolder.Holder.valueOf(seen);
    }

    /**
     * Starts a new Java process that locks the folder's lock file with a plain {@link FileChannel#lock}, as any
     * other process would, and holds it until its standard input closes.
     *
     * @param folder the run folder whose lock the process takes
     * @return the process, once it holds the lock
     * @throws IOException if the process cannot be started or fails to take the lock
     */
    static Process holdInAnotherProcess(Path folder) throws IOException {
        Process process = javaProcess(Holding.class, folder);
        byte[] said = process.getInputStream().readNBytes(4);
        if (!new String(said).equals("held")) {
            process.destroy();
            throw new IOException("the holding process did not take the lock (its errors above)");
        }
        return process;
    }

    private static Process javaProcess(Class<?> main, Path folder) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                main.getName(), folder.toString())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** The main of {@link #holdInAnotherProcess}: locks, says {@code held}, waits for its input to close. */
    static final class Holding {
        private Holding() {
        }

        /**
         * Holds the folder's lock until standard input closes.
         *
         * @param args the folder
         * @throws IOException if the lock file cannot be made or locked
         */
        public static void main(String[] args) throws IOException {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]).resolve(RunFolder.LOCK),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                channel.lock();
                System.out.print("held");
                System.out.flush();
                System.in.readAllBytes();
            }
        }
    }
}
