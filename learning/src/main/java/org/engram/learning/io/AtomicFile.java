package org.engram.learning.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.engram.simulator.EngramException;
import org.engram.simulator.IoReasons;

/**
 * Writes a file so that it holds either its old or its new content, never a part of the new: for
 * readers while the write goes on, for a process killed halfway, and after a crash of the machine.
 *
 * <p>The bytes go to a temporary file beside the target, named for this one write (so two writes
 * of one file never share it), are forced to the disk, and the temporary file is renamed over the
 * target in one atomic step; then the folder is forced, so the rename itself is on the disk when the
 * call returns. Without the first force a file system may commit the rename before the data, and a
 * crash leaves an empty file where the old one was. Folders cannot be forced on every platform
 * (Windows refuses to open them, and some network and FUSE file systems answer a folder's sync with an
 * error, which Lucene's {@code IOUtils.fsync} also lets pass for folders); there the rename is as
 * durable as the platform makes it.
 */
public final class AtomicFile {
    /** Numbers the temporary files of this process's writes. */
    private static final AtomicLong TEMPORARY_NAMES = new AtomicLong();
    /** The names of the temporary files, {@code .<name>.<pid>-<number>.tmp}. */
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.\\d+-\\d+\\.tmp");

    private AtomicFile() {
    }

    /** Writes the bytes of one file. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param out the stream, unbuffered; closed by the caller
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes a file atomically and durably, replacing an earlier version. Its folder must exist.
     *
     * @param file    the file to write
     * @param content writes the bytes
     * @throws EngramException naming the file and the reason if it cannot be written; the earlier
     *                         version, if any, is then untouched and the temporary file removed. A
     *                         runtime exception or error of {@code content} passes through the same way.
     */
    public static void write(Path file, Content content) {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            tmp = createTemporary(target);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                content.writeTo(Channels.newOutputStream(channel));
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            // An error too (the heap run out halfway): the part written is no file to leave beside the others.
            try {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e instanceof Error error) {
                throw error;
            }
            throw new EngramException(file + ": cannot write file: " + reason((IOException) e, target.getParent()),
                    e);
        }
        forceFolder(target.getParent());
    }

    /**
     * Creates this write's temporary file beside the target, named for the process and the write. A
     * process killed while it wrote (kill -9, the out-of-memory killer) leaves its file behind, and a
     * later process may have the same id (a container starts each one as pid 1) and come to the same
     * write: a name that is taken moves on to the next number, rather than fail the write.
     */
    private static Path createTemporary(Path target) throws IOException {
        String prefix = "." + target.getFileName() + "." + ProcessHandle.current().pid() + "-";
        while (true) {
            try {
                return Files.createFile(target.resolveSibling(prefix + TEMPORARY_NAMES.incrementAndGet() + ".tmp"));
            } catch (FileAlreadyExistsException leftByAKilledProcess) {
                // The next number.
            }
        }
    }

    /**
     * Whether a file is named as the temporary file of a {@link #write}: one that a process killed
     * while it wrote left behind, unless that process is still writing it.
     *
     * @param file a file
     * @return whether its name is of the form {@code .<name>.<pid>-<number>.tmp}
     */
    public static boolean isTemporary(Path file) {
        Path name = file.getFileName();
        return name != null && TEMPORARY.matcher(name.toString()).matches();
    }

    /**
     * Forces a folder's entries (a rename into it, a file made or removed in it) to the disk, where
     * the platform can open a folder for that and its file system syncs folders.
     *
     * @param folder the folder
     * @throws EngramException naming the folder if it cannot be opened, as when it does not exist
     */
    public static void forceFolder(Path folder) {
        FileChannel channel;
        try {
            channel = FileChannel.open(folder, StandardOpenOption.READ);
        } catch (AccessDeniedException e) {
            return;   // a platform that cannot open folders (Windows): as durable as it makes renames
        } catch (IOException e) {
            throw new EngramException(folder + ": cannot open the folder to force its entries to the disk: "
                    + reason(e, folder), e);
        }
        forceIfSynced(channel);
    }

    /**
     * Forces an open folder's entries and closes it. A file system that refuses to sync a folder
     * (EINVAL from some FUSE and network file systems) would otherwise fail every write on it,
     * though each file was already forced and renamed: the rename is then as durable as it makes it.
     */
    static void forceIfSynced(FileChannel folder) {
        try (folder) {
            folder.force(true);
        } catch (IOException refused) {
            // Not a folder this file system syncs; nothing written is lost by going on.
        }
    }

    /** Why a file operation failed, in words: the JDK's messages for these two are just the path. */
    private static String reason(IOException e, Path folder) {
        if (e instanceof NoSuchFileException) {
            return "the folder " + folder + " does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied for " + e.getMessage();
        }
        return IoReasons.of(e);
    }
}
