package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.ScannerImpl;
import org.yaml.snakeyaml.tokens.ScalarToken;
import org.yaml.snakeyaml.tokens.Token;

/**
 * The reader that holds a config's text whole gives the YAML scanner what the scanner's own reader gives it,
 * position by position, which is the reference here; and a scalar of millions of characters, which that reader
 * took time growing with the square of its length to scan, is read and refused with an excerpt of it.
 */
class WholeTextReaderTest {
    /** Texts with every kind of line end, a byte order mark, characters past the BMP and long scalars. */
    static List<String> texts() {
        return List.of("",
                "name: quick\nseeds: [1, 2]   # a comment\ntraining: {epochs: 2}\n",
                "a: 1\r\nb: 2\rc: 'three'\r",
                "\uFEFFname: bom\n",
                "x: \u00e9\u20ac \uD83D\uDE00 y\u0085z: 1\u2028w: 2\u2029v: \"\\x41\\u00e9\"\n",
                "list:\n\t- &a one\n  - *a\n  - ? key\n    : value\n  - |\n    block\n    text\n",
                "name: " + "a".repeat(5000) + "\n# " + "b c ".repeat(700) + "\n");
    }

    private static String token(Token t) {
        return t.getTokenId() + " " + position(t.getStartMark()) + "-" + position(t.getEndMark())
                + (t instanceof ScalarToken s ? " " + s.getValue() : "");
    }

    private static String position(Mark m) {
        return m.getName() + "@" + m.getIndex() + ":" + m.getLine() + ":" + m.getColumn();
    }

    /** The tokens of a text, then the scanner's refusal if it refused one. */
    private static List<String> tokens(StreamReader reader) {
        ScannerImpl scanner = new ScannerImpl(reader, new LoaderOptions());
        List<String> tokens = new ArrayList<>();
        try {
            while (scanner.checkToken()) {
                tokens.add(token(scanner.getToken()));
            }
        } catch (MarkedYAMLException refused) {
            tokens.add(refused.getProblem() + " at " + position(refused.getProblemMark()));
        }
        return tokens;
    }

    @ParameterizedTest
    @MethodSource("texts")
    void theScannerReadsTheSameTokensAtTheSamePlaces(String text) {
        assertEquals(tokens(new StreamReader(new StringReader(text))), tokens(new WholeTextReader(text)));
    }

    /** Random calls, seeded, each answered as the scanner's own reader answers it, past the end of the text too. */
    @ParameterizedTest
    @MethodSource("texts")
    void everyCallIsAnsweredAsTheScannersOwnReaderAnswersIt(String text) {
        StreamReader reference = new StreamReader(new StringReader(text));
        WholeTextReader reader = new WholeTextReader(text);
        Random random = new Random(text.length());
        int length = text.codePointCount(0, text.length());
        for (int call = 0; call < 3000; call++) {
            // The scanner takes no more than is left, which the reference would fail to count.
            int n = Math.min(random.nextInt(12), length - reader.getIndex());
            String what = "call " + call + " with " + n;
            switch (random.nextInt(5)) {
                case 0 -> assertEquals(reference.peek(n + 2), reader.peek(n + 2), what);
                case 1 -> assertEquals(reference.prefix(n), reader.prefix(n), what);
                case 2 -> assertEquals(reference.prefixForward(n), reader.prefixForward(n), what);
                case 3 -> {
                    reference.forward(n);
                    reader.forward(n);
                }
                default -> assertEquals(reference.peek(), reader.peek(), what);
            }
            assertEquals(position(reference.getMark()), position(reader.getMark()), what);
            assertEquals(reference.getDocumentIndex(), reader.getDocumentIndex(), what);
            if (random.nextInt(100) == 0) {
                reference.resetDocumentIndex();
                reader.resetDocumentIndex();
            }
        }
    }

    /** A character YAML does not allow stops the reading where the scanner reaches it, not before. */
    @Test
    void aForbiddenCharacterIsRefusedWhenReached() {
        WholeTextReader reader = new WholeTextReader("ab\u0007c");
        assertEquals("ab", reader.prefixForward(2));
        assertEquals(7, assertThrows(ReaderException.class, reader::peek).getCodePoint());
        assertEquals(7, assertThrows(ReaderException.class, () -> new WholeTextReader("a\u0007").prefix(5))
                .getCodePoint());
    }

    /**
     * A name of four million characters is refused with its first hundred (quotes included) and the count of the
     * rest. Reading it was quadratic: about a second a reading here, and a config is read several times.
     */
    @Test
    void aNameOfMillionsOfCharactersIsRefusedWithAnExcerpt() {
        int length = 4_000_000;
        String name = "a".repeat(length);
        String excerpt = "'" + "a".repeat(99) + "... (and 3,999,902 characters more)";
        String run = "name: " + name + "\nseeds: [1]\ndata: {bundled: true}\nstrategies: [{name: naive}]\n";
        assertEquals("long.yaml:1:1: name: expected a name of at most 64 ASCII letters, digits, '.', '_' or '-'"
                + " starting with a letter or digit, found " + excerpt, assertThrows(ConfigException.class,
                () -> ConfigLayers.resolve(run, "long.yaml", List.of(), ConfigLayers.Flags.NONE)).getMessage());
    }
}
