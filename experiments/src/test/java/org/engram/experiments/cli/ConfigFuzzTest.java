package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A seeded fuzz of configs: each of {@value #CASES} mutations of a small run config, and as many of a small
 * simulation config (a key deleted, a value of another type or an extreme number, an unknown key, an empty
 * entry), is either accepted by {@code --print-config} or refused with exit code 2 and a message in which
 * every problem names the file or the {@code --set} and says what was expected and what was found; never a
 * stack trace, another exit code, or the name of a class of the code. The mutations are drawn from a fixed
 * seed, so a failure repeats.
 */
class ConfigFuzzTest {
    /** Mutations per config: about 3 s in all on an idle 2-core machine (print-config builds nothing large). */
    private static final int CASES = 60;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Values of every kind a config may hold, and extremes of each: what a value may be replaced by. */
    private static final List<JsonNode> VALUES = List.of(NODES.numberNode(0), NODES.numberNode(-1),
            NODES.numberNode(1e308), NODES.numberNode(-1e308), NODES.numberNode(4.9e-324), NODES.numberNode(0.1),
            NODES.numberNode(2147483648L), NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(2147483647),
            NODES.textNode(""), NODES.textNode(".nan"), NODES.textNode("x"), NODES.textNode("0x10"),
            NODES.nullNode(), NODES.booleanNode(true), NODES.arrayNode(), NODES.arrayNode().add(1),
            NODES.arrayNode().addNull(), NODES.objectNode(), NODES.objectNode().put("a", 1));

    /** Where a problem is told: the file (with line and column), or the override; then what is wrong. */
    private static final Pattern PROBLEM = Pattern.compile("(?:engram: error: |  )(?:\\d+ problems:|.*(?:\\.yaml"
            + "(?::\\d+:\\d+)?|--set [^:]*): .*expected .+)");

    /** A Java class name such as {@code SimulationConfig} or {@code NullPointerException} in a message. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:Config|Spec|"
            + "Exception|Error)\\b");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"run", "simulate"})
    void everyMutationIsAcceptedOrRefusedByKey(String command, @TempDir Path dir) throws IOException {
        JsonNode base = YAML.readTree("run".equals(command) ? TinyRuns.ONE_SEED
                + "strategies: [{name: naive}, {name: ewc, params: {lambda: 10}}]\n" : SimulateCommandTest.GOOD);
        Random random = new Random(20261205L + command.hashCode());
        for (int n = 0; n < CASES; n++) {
            ObjectNode config = base.deepCopy();
            String mutation = mutate(config, random);
            Path file = dir.resolve("c" + n + ".yaml");
            Files.writeString(file, YAML.writeValueAsString(config));
            CliRunner.Result r = CliRunner.run(command, file.toString(), "--out", dir.resolve("out").toString(),
                    "--print-config");
            String what = mutation + ":\n" + r.err();
            assertTrue(r.exitCode() == 0 || r.exitCode() == 2, "exit code " + r.exitCode() + " of " + what);
            assertFalse(r.err().contains("\tat "), "a stack trace for " + what);
            assertFalse(CLASS_NAME.matcher(r.err()).find(), "a class of the code named for " + what);
            if (r.exitCode() == 2) {
                for (String line : r.err().strip().split("\\R")) {
                    assertTrue(PROBLEM.matcher(line).matches(), "a problem without its place or rule, '" + line
                            + "', for " + what);
                }
            }
        }
        assertFalse(Files.exists(dir.resolve("out")), "print-config writes nothing");
    }

    /** Changes one value of the config at random, and says how. */
    private static String mutate(ObjectNode config, Random random) {
        List<String> paths = new ArrayList<>();
        List<JsonNode> holders = new ArrayList<>();
        collect(config, "", paths, holders);
        int i = random.nextInt(paths.size());
        String path = paths.get(i);
        JsonNode holder = holders.get(i);
        String key = path.substring(Math.max(path.lastIndexOf('.'), path.lastIndexOf('[')) + 1).replace("]", "");
        JsonNode value = VALUES.get(random.nextInt(VALUES.size()));
        switch (random.nextInt(3)) {
            case 0 -> {
                if (holder instanceof ObjectNode o) {
                    o.remove(key);
                } else {
                    ((ArrayNode) holder).remove(Integer.parseInt(key));
                }
                return "delete " + path;
            }
            case 1 -> {
                if (holder instanceof ObjectNode o) {
                    o.set(key + "x", value);
                    return "unknown key " + path + "x: " + value;
                }
                ((ArrayNode) holder).add(value);
                return "an entry more in " + path + ": " + value;
            }
            default -> {
                if (holder instanceof ObjectNode o) {
                    o.set(key, value);
                } else {
                    ((ArrayNode) holder).set(Integer.parseInt(key), value);
                }
                return path + " = " + value;
            }
        }
    }

    /** Every key path under a node, each with the mapping or list that holds it. */
    private static void collect(JsonNode node, String at, List<String> paths, List<JsonNode> holders) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String path = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
                paths.add(path);
                holders.add(node);
                collect(e.getValue(), path, paths, holders);
            });
        } else if (node.isArray()) {
            for (int k = 0; k < node.size(); k++) {
                paths.add(at + "[" + k + "]");
                holders.add(node);
                collect(node.get(k), at + "[" + k + "]", paths, holders);
            }
        }
    }
}
