package org.engram.experiments.data;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why a file could not be read, in words for an error message: Java's file exceptions carry the
 * path as their message ({@code cannot read: x.yaml}) and the reason in their class name.
 */
public final class IoReasons {
    private IoReasons() {
    }

    /**
     * The reason of a failed read.
     *
     * @param e what reading threw
     * @return e.g. {@code permission denied}, {@code no such file}, or the exception's own message
     */
    public static String of(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is a file, not a folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
