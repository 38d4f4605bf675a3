package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
