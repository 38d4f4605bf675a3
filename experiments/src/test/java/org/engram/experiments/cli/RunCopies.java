package org.engram.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.engram.experiments.config.ConfigLayers;

/** Copies of run folders, for tests that edit a run's files without touching the run others read. */
final class RunCopies {
    private RunCopies() {
    }

    /**
     * Copies a run folder as another run of its config that found its data at a path of its own rather than as the
     * bundled subset: the same data (its digest is the run's), but a config, a config hash and a run id of its own,
     * so that compare takes it for a second run.
     *
     * @param run  the run folder, of a config with the bundled subset
     * @param copy where the copy goes (created)
     * @return {@code copy}
     */
    static Path withDataElsewhere(Path run, Path copy) throws IOException {
        copy(run, copy);
        String config = Files.readString(copy.resolve("config.yaml")).replace("bundled: true", "bundled: false")
                .replace("path: null", "path: /srv/fashion-mnist");
        Files.writeString(copy.resolve("config.yaml"), config);
        ObjectNode m = (ObjectNode) new ObjectMapper().readTree(copy.resolve("metrics.json").toFile());
        m.put("run_id", "20261201T000000Z-" + ConfigLayers.sha256(config).substring(0, 6));
        ((ObjectNode) m.get("provenance")).put("config_sha256", ConfigLayers.sha256(config))
                .put("data_origin", "CONFIG_PATH");
        Files.writeString(copy.resolve("metrics.json"), m.toString());
        return copy;
    }

    /**
     * Copies a run folder, every file and subfolder.
     *
     * @param run  the run folder
     * @param copy where the copy goes (created)
     * @return {@code copy}
     */
    static Path copy(Path run, Path copy) throws IOException {
        try (Stream<Path> s = Files.walk(run)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path to = copy.resolve(run.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return copy;
    }
}
