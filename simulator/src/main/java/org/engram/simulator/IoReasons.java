package org.engram.simulator;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.Map;

/**
 * Why a file operation failed, in words for an error message: Java's file exceptions carry the
 * path as their message ({@code cannot read: x.yaml}) and the reason in their class name.
 */
public final class IoReasons {
    /**
     * The reasons that Java gives by the exception's class alone; the classes are unrelated, so
     * the order does not matter. A bad byte in text is "Input length = 1" in Java's words: the
     * file is binary, or in another encoding.
     */
    private static final Map<Class<? extends IOException>, String> BY_CLASS = Map.of(
            AccessDeniedException.class, "permission denied",
            NoSuchFileException.class, "no such file or folder",
            FileAlreadyExistsException.class, "it exists already",
            DirectoryNotEmptyException.class, "the folder is not empty",
            NotDirectoryException.class, "a path on the way is not a folder",
            CharacterCodingException.class, "not UTF-8 text");

    private IoReasons() {
    }

    /**
     * The system's reason for a failed file operation.
     *
     * @param e what the operation threw
     * @return e.g. {@code permission denied}, {@code no such file or folder}, or the exception's own message
     */
    public static String of(IOException e) {
        for (Map.Entry<Class<? extends IOException>, String> reason : BY_CLASS.entrySet()) {
            if (reason.getKey().isInstance(e)) {
                return reason.getValue();
            }
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        // The system's sentence ("Is a directory") reads as a clause after the colon of a message.
        boolean sentence = message.length() > 1 && Character.isUpperCase(message.charAt(0))
                && Character.isLowerCase(message.charAt(1));
        return sentence ? Character.toLowerCase(message.charAt(0)) + message.substring(1) : message;
    }
}
