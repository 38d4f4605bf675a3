package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tables in configs/README.md are the generated ones, so the documentation cannot drift from the code. */
class ConfigDocsTest {
    private static final Path README = Path.of("configs", "README.md");

    private static String between(String text, String marker) {
        String begin = "<!-- " + marker + " begin (generated: ConfigDocs) -->\n";
        String end = "<!-- " + marker + " end -->";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        return from < 0 || to < from ? "(markers " + marker + " missing)" : text.substring(from + begin.length(), to);
    }

    @Test
    void readmeExampleResolves() throws IOException {
        String text = Files.readString(README);
        int from = text.indexOf("```yaml\n") + 8;
        ConfigLayers.Resolved r = ConfigLayers.resolve(text.substring(from, text.indexOf("```", from)), "README.md",
                java.util.List.of(), ConfigLayers.Flags.NONE);
        assertEquals(4, r.config().strategies().size());
        assertEquals(500, r.config().strategies().get(3).params().get("replay").get("memory_size").asInt());
    }

    @Test
    void readmeTablesAreTheGeneratedOnes() throws IOException {
        String text = Files.readString(README);
        String keys = ConfigDocs.markdown();
        String strategies = ConfigDocs.strategiesMarkdown();
        if (!keys.equals(between(text, "keys")) || !strategies.equals(between(text, "strategies"))) {
            Path expected = Path.of("target", "configs-README-tables.md");
            Files.writeString(expected, keys + "\n" + strategies);
        }
        assertEquals(keys, between(text, "keys"), "regenerate: ./engram run --keys --markdown");
        assertEquals(strategies, between(text, "strategies"), "regenerate from ConfigDocs.strategiesMarkdown()");
    }

    /**
     * The terminal help holds every row of the key table: a section or list as a heading with its meaning, a key
     * with its default, then its meaning in words, indented and wrapped greedily to 78 columns (each line takes
     * as many words as fit: the first word of the next line would have passed column 78).
     */
    @Test
    void plainTextHelpHoldsEveryKeyWithItsMeaningWrappedAt78Columns() {
        List<String> lines = List.of(ConfigDocs.plainText().split("\n", -1));
        int at = 0;
        for (ConfigDocs.Row r : ConfigDocs.rows()) {
            if (r.def().equals("(section)") || r.def().equals("(list)")) {
                assertEquals("", lines.get(at), "a blank line before " + r.key());
                String heading = r.key() + (r.def().equals("(list)") ? " (required)" : "") + ": " + r.meaning();
                assertEquals(heading, lines.get(at + 1));
                at += 2;
                continue;
            }
            String def = r.def().equals("required") ? " (required)" : " (default " + r.def() + ")";
            assertEquals("  " + r.key() + def, lines.get(at++));
            StringBuilder words = new StringBuilder();
            String indent = "      ";
            while (at < lines.size() && lines.get(at).startsWith(indent)) {
                String line = lines.get(at++);
                assertTrue(line.length() <= 78 || !line.strip().contains(" "), line);
                if (at < lines.size() && lines.get(at).startsWith(indent)) {
                    String next = lines.get(at).substring(indent.length()).split(" ")[0];
                    assertTrue(line.length() + 1 + next.length() > 78, "'" + next + "' fits after: " + line);
                }
                words.append(words.length() == 0 ? "" : " ").append(line.substring(indent.length()));
            }
            assertEquals(r.meaning(), words.toString(), r.key());
        }
        assertEquals(List.of(""), lines.subList(at, lines.size()), "nothing after the last key");
    }
}
