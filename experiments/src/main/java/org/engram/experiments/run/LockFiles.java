package org.engram.experiments.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * The locks this process holds on run folders' lock files, and the way to open a lock file that
 * keeps them.
 *
 * <p>On Linux a Java file lock is a POSIX record lock, which a process loses as soon as it closes
 * any descriptor of the file, not only the channel it locked through ({@link FileChannel} warns of
 * such systems). A look at the lock of a folder this process holds, which opens and closes the file,
 * would therefore drop the lock, and a second process could then take the folder while this one
 * still writes it. So every lock taken here is noted by the file's identity (device and inode,
 * which the rename of a finished folder keeps), a lock file this process holds is never opened
 * again, and lock files are opened, locked and closed under one monitor, so that no thread opens a
 * file another thread is locking.
 */
final class LockFiles {
    /** The lock files this process holds, by identity, each with the channel that holds its lock. */
    private static final Map<Object, FileChannel> HELD = new HashMap<>();

    private LockFiles() {
    }

    /** A lock this process holds, to give up with {@link #giveUp}. */
    record HeldLock(FileChannel channel, Object file) {
    }

    /** What is done with a lock file while it is open. */
    @FunctionalInterface
    interface Use<T> {
        /**
         * @param channel the open lock file
         * @return what the use found
         * @throws IOException if the file cannot be read or locked
         */
        T with(FileChannel channel) throws IOException;
    }

    /**
     * Opens a lock file this process does not hold and uses it; one it holds is left closed. The
     * file is closed after the use unless the use took its lock with {@link #take}.
     *
     * @param lockFile   the lock file
     * @param create     whether to make the file if it is missing
     * @param ifHeldHere what to return, without opening the file, if this process holds its lock
     * @param use        what to do with the open file
     * @param <T>        what the use finds
     * @return what the use found, or {@code ifHeldHere}
     * @throws IOException if the file cannot be opened (a missing one without {@code create}), read or locked
     */
    static synchronized <T> T use(Path lockFile, boolean create, T ifHeldHere, Use<T> use) throws IOException {
        if (Files.exists(lockFile) && HELD.containsKey(identity(lockFile))) {
            return ifHeldHere;
        }
        FileChannel channel = create
                ? FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)
                : FileChannel.open(lockFile, StandardOpenOption.WRITE);
        try {
            return use.with(channel);
        } finally {
            if (!HELD.containsValue(channel)) {
                channel.close();
            }
        }
    }

    /**
     * Takes the lock of an open lock file for as long as this process works on its folder.
     *
     * @param channel  the open lock file
     * @param lockFile its path, to note the file's identity by
     * @return the lock, or {@code null} if another process, or this one, holds it
     * @throws IOException if the file cannot be locked
     */
    static synchronized HeldLock take(FileChannel channel, Path lockFile) throws IOException {
        if (tryLock(channel) == null) {
            return null;
        }
        HeldLock held = new HeldLock(channel, identity(lockFile));
        HELD.put(held.file(), channel);
        return held;
    }

    /**
     * Gives up a lock of {@link #take} by closing its channel.
     *
     * @param lock the lock
     */
    static synchronized void giveUp(HeldLock lock) {
        try {
            lock.channel().close();
        } catch (IOException ignored) {
            // A channel that fails to close still loses its lock when the process ends.
        }
        HELD.remove(lock.file());
    }

    /**
     * Takes the lock of a lock file if no one holds it.
     *
     * @param channel the open lock file
     * @return the lock, or {@code null} if another process, or this one, holds it
     * @throws IOException if the file cannot be locked
     */
    static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            return null;
        }
    }

    /**
     * Whether a lock failed because the file system does not lock files at all, rather than for a
     * fault of the moment: ENOLCK (NFS without its lock service), ENOSYS (Lustre mounted without
     * {@code flock}) or EOPNOTSUPP, which Java reports with the C library's text of the error.
     *
     * @param e what the lock threw
     * @return whether it says locks are unsupported
     */
    static boolean locksUnsupported(IOException e) {
        String message = e.getMessage();
        return message != null && (message.contains("No locks available") || message.contains(
                "Function not implemented") || message.contains("Operation not supported"));
    }

    /** The file's identity: its device and inode where the file system gives them, else its real path. */
    private static Object identity(Path file) throws IOException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        return key != null ? key : file.toRealPath();
    }
}
