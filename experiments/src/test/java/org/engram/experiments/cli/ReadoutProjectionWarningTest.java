package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPM and HLOP project the shared readout's updates too, so in class-incremental learning a new task's
 * classes barely learn: a config that runs either there, alone or in a chain, is warned of once on
 * standard error, naming both when it runs both; other scenarios and strategies are not.
 */
class ReadoutProjectionWarningTest {
    private static final String WARNING = "engram: warning: gpm and hlop in class-incremental learning project the"
            + " shared readout's updates too";

    @TempDir
    Path dir;

    private CliRunner.Result printConfig(String scenario, String strategies) throws IOException {
        Path config = dir.resolve(scenario + ".yaml");
        Files.writeString(config, String.join("\n",
                "name: projections",
                "data: {dataset: synthetic}",
                "tasks: {sequence: synthetic, count: 2, classes_per_task: 2, scenario: " + scenario + "}",
                "strategies: " + strategies,
                ""));
        CliRunner.Result r = CliRunner.run("run", config.toString(), "--print-config");
        assertEquals(0, r.exitCode(), r.err());
        return r;
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void aClassIncrementalRunOfGpmOrHlopIsWarnedOfOnce() throws IOException {
        String both = "[{name: gpm}, {name: metaplasticity+hlop}, {name: hlop, label: again}]";
        CliRunner.Result classIl = printConfig("class_incremental", both);
        assertEquals(1, count(classIl.err(), WARNING), classIl.err());
        assertEquals(1, count(classIl.err(), "engram: warning: "), classIl.err());
        CliRunner.Result gpmAlone = printConfig("class_incremental", "[{name: gpm}, {name: replay}]");
        assertEquals(1, count(gpmAlone.err(), "engram: warning: gpm in class-incremental learning projects the"
                + " shared readout's updates too"), gpmAlone.err());
        for (String scenario : new String[] {"task_incremental", "domain_incremental"}) {
            CliRunner.Result other = printConfig(scenario, both);
            assertFalse(other.err().contains("engram: warning: "), other.err());
        }
        CliRunner.Result replay = printConfig("class_incremental", "[{name: replay}, {name: ewc}]");
        assertFalse(replay.err().contains("engram: warning: "), replay.err());
    }
}
