package org.engram.experiments.run;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.config.StrategyParams;
import org.engram.learning.continual.ContinualStrategy;
import org.engram.learning.continual.Strategies;

/**
 * The code of a strategy of one's own that took part in a run, for its provenance: Engram's commit
 * tells the code of the built-in strategies, not of those a provider brings.
 *
 * @param name        the strategy's name
 * @param className   the class of the strategy its provider makes, or null when it could not make one
 * @param source      where that class was loaded from (a jar's or folder's URL), or null when unknown
 * @param classSha256 SHA-256 of the class file (the class alone, not what it calls), or null when
 *                    it cannot be read
 * @param codeSha256  SHA-256 of every class file in the jar or folder it was loaded from (their
 *                    names and contents, in name order; a rebuilt jar of the same classes keeps it),
 *                    which covers the classes the strategy calls there; null when that cannot be
 *                    read or holds more than {@value #MAX_CLASS_FILES} class files
 */
public record StrategyCode(String name, String className, String source, String classSha256, String codeSha256) {
    /** The most class files a code digest reads: past it (a class path entry such as a home folder), none. */
    static final int MAX_CLASS_FILES = 50_000;

    /**
     * The strategies of one's own among a run's, each once, in the config's order.
     *
     * @param strategies the run's strategies (chains are read member by member)
     * @return one entry per strategy that is not built in; empty when all are
     */
    static List<StrategyCode> of(List<ExperimentConfig.StrategySpec> strategies) {
        Set<String> own = new LinkedHashSet<>();
        for (ExperimentConfig.StrategySpec spec : strategies) {
            for (String name : StrategyParams.members(spec)) {
                if (!Strategies.builtIn(name)) {
                    own.add(name);
                }
            }
        }
        List<StrategyCode> codes = new ArrayList<>();
        for (String name : own) {
            codes.add(of(name));
        }
        return codes;
    }

    private static StrategyCode of(String name) {
        Class<?> type;
        try {
            ContinualStrategy made = Strategies.info(name).hyperparameters().createDefault();
            type = made.getClass();
        } catch (RuntimeException cannotMake) {
            // Its provider needs values of the run's own to make one: the name alone is recorded.
            return new StrategyCode(name, null, null, null, null);
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return new StrategyCode(name, type.getName(), location == null ? null : location.toString(), classSha256(type),
                location == null ? null : codeSha256(location));
    }

    private static String classSha256(Class<?> type) {
        String file = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(file)) {
            return in == null ? null : HexFormat.of().formatHex(sha256().digest(in.readAllBytes()));
        } catch (IOException unreadable) {
            return null;
        }
    }

    /**
     * The digest of the class files of a jar or folder: each name (relative, with '/'), its length
     * and its bytes, in name order; null when unreadable or past {@link #MAX_CLASS_FILES}.
     */
    static String codeSha256(URL location) {
        try {
            Path path = Path.of(location.toURI());
            MessageDigest digest = sha256();
            if (Files.isDirectory(path)) {
                List<Path> classes;
                try (Stream<Path> files = Files.walk(path)) {
                    classes = files.filter(f -> f.toString().endsWith(".class")).limit(MAX_CLASS_FILES + 1L)
                            .sorted(Comparator.comparing(f -> entryName(path, f))).toList();
                }
                if (classes.size() > MAX_CLASS_FILES) {
                    return null;
                }
                for (Path c : classes) {
                    add(digest, entryName(path, c), Files.readAllBytes(c));
                }
            } else {
                try (ZipFile jar = new ZipFile(path.toFile())) {
                    List<? extends ZipEntry> classes = jar.stream().filter(e -> e.getName().endsWith(".class"))
                            .limit(MAX_CLASS_FILES + 1L).sorted(Comparator.comparing(ZipEntry::getName)).toList();
                    if (classes.size() > MAX_CLASS_FILES) {
                        return null;
                    }
                    for (ZipEntry e : classes) {
                        try (InputStream in = jar.getInputStream(e)) {
                            add(digest, e.getName(), in.readAllBytes());
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | URISyntaxException | RuntimeException unreadable) {
            return null;
        }
    }

    /** A file's name under a folder as a jar names its entry: relative, with '/' on every system. */
    private static String entryName(Path folder, Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }

    private static void add(MessageDigest digest, String name, byte[] bytes) {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update(ByteBuffer.allocate(Integer.BYTES + Long.BYTES).putInt(0).putLong(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
