package org.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

class IoReasonsTest {
    /** Java's file exceptions carry the path as their message: the reason is in their class, or their reason. */
    @Test
    void namesTheReasonNotThePath() {
        assertEquals("permission denied", IoReasons.of(new AccessDeniedException("/a/b.yaml")));
        assertEquals("no such file or folder", IoReasons.of(new NoSuchFileException("/a/b.yaml")));
        assertEquals("it exists already", IoReasons.of(new FileAlreadyExistsException("/a")));
        assertEquals("the folder is not empty", IoReasons.of(new DirectoryNotEmptyException("/a")));
        assertEquals("a path on the way is not a folder", IoReasons.of(new NotDirectoryException("/a/b")));
        assertEquals("is a directory", IoReasons.of(new FileSystemException("/a", null, "Is a directory")));
        assertEquals("disk full", IoReasons.of(new IOException("disk full")));
        assertEquals("is a directory", IoReasons.of(new IOException("Is a directory")));
        assertEquals("EOF in header", IoReasons.of(new IOException("EOF in header")));
        assertEquals("not UTF-8 text", IoReasons.of(new MalformedInputException(1)));
    }

    /** A message of one character is no sentence to lower-case, and an exception without one is named by its class. */
    @Test
    void aShortOrMissingMessageIsKeptOrReplacedByTheClassName() {
        assertEquals("X", IoReasons.of(new IOException("X")));
        assertEquals("IOException", IoReasons.of(new IOException()));
        assertEquals("EOFException", IoReasons.of(new EOFException()));
    }
}
