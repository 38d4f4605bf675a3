package org.engram.experiments.config;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * The characters of a YAML text for the YAML scanner, held whole. The scanner looks ahead over a
 * scalar or comment before it takes it; the reader it comes with keeps a window of the text and, each
 * time the look-ahead passes the window's end, copies the window into one a kilobyte longer, so a
 * scalar of n characters cost about n&sup2;/2048 copied characters: a {@code name:} of 20 million
 * characters took minutes to be refused. Here every look-ahead is an index into the text.
 *
 * <p>Positions count code points, lines and columns from 0, as the scanner's own reader does: a
 * {@code \r} ends a line unless a {@code \n} follows, and a byte order mark takes no column. A
 * character YAML does not allow is refused when the scanner first looks at it, as the scanner's
 * reader refuses one when it reads it, so that what stands before it is read first.
 */
final class WholeTextReader extends StreamReader {
    private static final int BYTE_ORDER_MARK = 0xFEFF;
    /** How marks and refusals name the text, as the scanner's own reader names a text it streams. */
    private static final String NAME = "'reader'";

    private final int[] text;
    /** Code points before this one are known to be allowed. */
    private int checked;
    /** The next code point to read, counted from the start of the text. */
    private int pointer;
    private int documentIndex;
    private int line;
    private int column;

    /**
     * Holds a text for reading.
     *
     * @param text the YAML text
     */
    WholeTextReader(String text) {
        super("");
        this.text = text.codePoints().toArray();
    }

    @Override
    public Mark getMark() {
        return new Mark(NAME, pointer, line, column, text, pointer);
    }

    @Override
    public void forward() {
        forward(1);
    }

    @Override
    public void forward(int length) {
        for (int i = 0; i < length && has(0); i++) {
            int c = text[pointer++];
            documentIndex++;
            if (Constant.LINEBR.has(c) || c == '\r' && has(0) && text[pointer] != '\n') {
                line++;
                column = 0;
            } else if (c != BYTE_ORDER_MARK) {
                column++;
            }
        }
    }

    @Override
    public int peek() {
        return peek(0);
    }

    @Override
    public int peek(int offset) {
        return has(offset) ? text[pointer + offset] : 0;
    }

    @Override
    public String prefix(int length) {
        int available = Math.max(0, Math.min(length, text.length - pointer));
        if (available > 0) {
            has(available - 1);
        }
        return new String(text, pointer, available);
    }

    @Override
    public String prefixForward(int length) {
        String prefix = prefix(length);
        pointer += length;
        documentIndex += length;
        column += length;
        return prefix;
    }

    /**
     * Whether the text goes on {@code offset} code points past the next one, all of them allowed.
     *
     * @throws ReaderException at the first character up to there that YAML does not allow
     */
    private boolean has(int offset) {
        int end = pointer + offset;
        if (end >= text.length) {
            return false;
        }
        for (; checked <= end; checked++) {
            if (!isPrintable(text[checked])) {
                throw new ReaderException(NAME, checked, text[checked], "special characters are not allowed");
            }
        }
        return true;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public int getDocumentIndex() {
        return documentIndex;
    }

    @Override
    public void resetDocumentIndex() {
        documentIndex = 0;
    }

    @Override
    public int getIndex() {
        return pointer;
    }

    @Override
    public int getLine() {
        return line;
    }
}
