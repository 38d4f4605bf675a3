package org.engram.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.DocumentationTool;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Javadoc of every module builds without errors or warnings, so users can generate the API
 * documentation (a single stray {@code <} in a comment stops the javadoc tool). Missing comments
 * are not checked here: the tool counts a record's compact constructor, whose parameters the
 * record's own Javadoc describes, as undocumented.
 */
class JavadocLintTest {
    /**
     * The simulator's one class that uses the Vector API, package-private: javadoc warns of an incubating module as
     * soon as it is added, and has no option to keep quiet, so the class is left out, as the build's javadoc
     * leaves it out.
     */
    private static final String VECTOR_API_CLASS = "ThresholdScreen.java";

    @ParameterizedTest
    @ValueSource(strings = {"simulator", "learning", "experiments"})
    void moduleJavadocHasNoErrorsOrWarnings(String module, @TempDir Path out) throws IOException {
        // Tests run in the experiments module's folder; its siblings are the other modules.
        Path sources = Path.of("..", module, "src", "main", "java");
        assertTrue(Files.isDirectory(sources), "no sources at " + sources.toAbsolutePath());
        List<String> args = new ArrayList<>(List.of("-quiet", "-Xdoclint:all,-missing", "-Xmaxwarns", "1000",
                "-d", out.toString(), "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java") && !f.endsWith(VECTOR_API_CLASS)).map(Path::toString)
                    .sorted().forEach(args::add);
        }
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javadoc.run(null, messages, messages, args.toArray(new String[0]));
        String report = messages.toString(StandardCharsets.UTF_8).strip();
        assertEquals("", report, "javadoc of " + module + " reported problems");
        assertEquals(0, status, "javadoc of " + module + " failed");
    }
}
