package org.engram.experiments.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds Fashion-MNIST on this machine.
 *
 * <p>Search order: the folder given explicitly (configuration or command line); else the folder in
 * {@code $ENGRAM_DATA}; else {@code /usr/share/datasets/fashion-mnist} (Debian package
 * {@code dataset-fashion-mnist}); else the class-balanced subset bundled in the jar. A folder
 * qualifies when it holds all four files, each under any of the names
 * {@code train-images-idx3-ubyte}, {@code train-images-idx3-ubyte.gz},
 * {@code train-images.idx3-ubyte}, {@code train-images.idx3-ubyte.gz} (likewise
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}).
 * A folder the user named (explicitly or by the environment variable) that does not qualify is an
 * error, never silently replaced by the subset.
 */
public final class DataLocator {
    /** Environment variable naming a folder with MNIST-format files. */
    public static final String ENV_VAR = "ENGRAM_DATA";
    /** Folder where the Debian package {@code dataset-fashion-mnist} installs the data. */
    public static final Path SYSTEM_FOLDER = Path.of("/usr/share/datasets", "fashion-mnist");
    /** How to get the full dataset, appended to error messages. */
    public static final String HOW_TO_GET = "get Fashion-MNIST with 'apt-get install dataset-fashion-mnist',"
            + " or set " + ENV_VAR + " to any folder with MNIST-format files";
    /** Where the files come from, for a folder named that lacks them. */
    private static final String GET_THEM = "'apt-get install dataset-fashion-mnist' puts them into " + SYSTEM_FOLDER;

    /** Classpath folder of the bundled subset, relative to this package. */
    static final String BUNDLED_FOLDER = "fashion-mnist-subset/";

    private final String environmentValue;
    private final Path systemFolder;

    /** Creates a locator that reads {@code $ENGRAM_DATA} and looks in {@link #SYSTEM_FOLDER}. */
    public DataLocator() {
        this(System.getenv(ENV_VAR), SYSTEM_FOLDER);
    }

    /**
     * Creates a locator with the environment and system folder given (for tests).
     *
     * @param environmentValue value of {@code ENGRAM_DATA}, or {@code null} if unset
     * @param systemFolder     the folder tried after the environment variable
     */
    DataLocator(String environmentValue, Path systemFolder) {
        this.environmentValue = environmentValue;
        this.systemFolder = systemFolder;
    }

    /**
     * Finds the data.
     *
     * @param explicitFolder the folder named by the user, or {@code null} to search
     * @param setting        where the user named it, for messages: {@code data.path}, {@code --data}
     * @return the files found and which rule found them
     * @throws DataFileException if a folder the user named does not hold all four files; the
     *                           message names the setting, lists what was missing and how to go on
     */
    public LocatedData locate(Path explicitFolder, String setting) {
        if (explicitFolder != null) {
            // The search does not reach $ENGRAM_DATA past a named folder, so the way on is the folder or the setting.
            return required(explicitFolder, DataOrigin.CONFIG_PATH, setting, setting, "put the files into that folder ("
                    + GET_THEM + "), or change " + setting + " (without it, $" + ENV_VAR + ", then " + SYSTEM_FOLDER
                    + ", then the subset bundled in the jar are searched)");
        }
        if (environmentValue != null && !environmentValue.isBlank()) {
            return required(Path.of(environmentValue), DataOrigin.ENVIRONMENT, null, "$" + ENV_VAR, "put the files into"
                    + " that folder (" + GET_THEM + "), or set " + ENV_VAR + " to a folder that holds them, or unset"
                    + " it");
        }
        List<Path> system = find(systemFolder);
        if (missing(systemFolder, system).isEmpty()) {
            return new LocatedData(DataOrigin.SYSTEM_FOLDER, null, systemFolder.toString(), system);
        }
        return bundledSubset();
    }

    /**
     * Finds data again where an earlier search found it, so a resumed run reads the data it started
     * with even when the search would now find something else first.
     *
     * @param origin   how it was found
     * @param setting  the setting that named a folder found as {@link DataOrigin#CONFIG_PATH}, for messages (as
     *                 for {@link #locate}); ignored for the other origins
     * @param location the folder, or the bundled subset's location
     * @return the data, or {@code null} if the folder no longer holds all four files
     */
    public static LocatedData again(DataOrigin origin, String setting, String location) {
        if (origin == DataOrigin.BUNDLED_SUBSET) {
            return bundledSubset();
        }
        Path folder = Path.of(location);
        List<Path> files = find(folder);
        return missing(folder, files).isEmpty() ? new LocatedData(origin,
                origin == DataOrigin.CONFIG_PATH ? setting : null, location, files) : null;
    }

    /**
     * The class-balanced subset bundled in the jar, whatever else is installed (for quick,
     * machine-independent runs).
     *
     * @return the bundled subset
     */
    public static LocatedData bundledSubset() {
        String pkg = DataLocator.class.getPackageName().replace('.', '/');
        return new LocatedData(DataOrigin.BUNDLED_SUBSET, null, "classpath:" + pkg + "/" + BUNDLED_FOLDER, List.of());
    }

    /** Where the user named a folder ({@code setting}, or {@code null} for the environment), its four files. */
    private static LocatedData required(Path folder, DataOrigin origin, String setting, String what,
                                        String howToGoOn) {
        String name = folder.toAbsolutePath().toString();
        String expected = "a folder with " + String.join(", ", FashionMnist.FILES)
                + " (each also accepted with .gz, or with '.' before 'idx')";
        if (!Files.isDirectory(folder)) {
            throw new DataFileException(name, what, expected,
                    Files.exists(folder) ? "a file, not a folder" : "no such folder",
                    Files.exists(folder) ? howToGoOn : tildeNote(folder) + howToGoOn);
        }
        if (!Files.isExecutable(folder)) {
            // Its files, opened by name (which needs no listing), would all read as absent.
            throw new DataFileException(name, what, expected, "a folder this user may not enter (permission "
                    + "denied)", "let this user in, e.g. chmod a+x " + name);
        }
        List<Path> files = find(folder);
        List<String> missing = missing(folder, files);
        if (!missing.isEmpty()) {
            throw new DataFileException(name, what, expected, "no file named "
                    + String.join("; no file named ", missing), howToGoOn);
        }
        return new LocatedData(origin, setting, name, files);
    }

    /** The first existing candidate of each file, or {@code null} where none exists. */
    private static List<Path> find(Path folder) {
        List<Path> found = new ArrayList<>();
        for (String base : FashionMnist.FILES) {
            Path hit = null;
            for (String candidate : FashionMnist.candidates(base)) {
                Path p = folder.resolve(candidate);
                if (Files.isRegularFile(p)) {
                    hit = p;
                    break;
                }
            }
            found.add(hit);
        }
        return found;
    }

    /**
     * What to say of a folder path with a folder named {@code ~} and more after it, as {@code ~/raw}
     * resolved against a config's folder: only a shell expands {@code ~}, to the home folder, and a path
     * written in a config or after {@code --set} comes to Engram as written. (A folder whose name only
     * starts with {@code ~}, as {@code /srv/~old}, is a name of its own.)
     *
     * @return the note, ending in "; ", or an empty text
     */
    private static String tildeNote(Path folder) {
        for (int i = 0; i + 1 < folder.getNameCount(); i++) {
            if (folder.getName(i).toString().equals("~")) {
                return "~ is not expanded (only a shell does that); write the full path, e.g. "
                        + Path.of(System.getProperty("user.home")).resolve(folder.subpath(i + 1, folder.getNameCount()))
                        + "; ";
            }
        }
        return "";
    }

    /**
     * The loop a link leads into, link by link: the links from the first one met twice round to it again
     * ({@code b, c, b}); empty when the links end, at a file or at nothing.
     */
    private static List<Path> loop(Path link) {
        List<Path> passed = new ArrayList<>();
        Path p = link.toAbsolutePath().normalize();
        while (Files.isSymbolicLink(p)) {
            int first = passed.indexOf(p);
            if (first >= 0) {
                List<Path> loop = new ArrayList<>(passed.subList(first, passed.size()));
                loop.add(p);
                return loop;
            }
            passed.add(p);
            try {
                p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
            } catch (IOException | UnsupportedOperationException e) {
                return List.of();
            }
        }
        return List.of();
    }

    /**
     * A link that leads into a loop, as the list of missing files says it: one that is part of its loop leads
     * back to itself; one that is not, into a loop of other links, which are named (by file name in the data
     * folder, else by their full path).
     */
    private static String loopNote(String name, Path link, List<Path> loop) {
        Path self = link.toAbsolutePath().normalize();
        if (loop.get(0).equals(self)) {
            return name + " is a link that loops (to " + linkTarget(link) + ", which leads back to it)";
        }
        Path folder = self.getParent();
        List<String> shown = loop.stream().map(p -> p.getParent().equals(folder) ? p.getFileName().toString()
                : p.toString()).toList();
        return name + " is a link into a loop of links (to " + linkTarget(link) + ", then round "
                + String.join(" -> ", shown) + ")";
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "a target that cannot be read";
        }
    }

    private static List<String> missing(Path folder, List<Path> found) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            if (found.get(i) == null) {
                List<String> candidates = FashionMnist.candidates(FashionMnist.FILES.get(i));
                // A folder of a data file's name (an archive unpacked into it, say) is said to be one,
                // a link to nothing (a file moved away) what it points to, and a pipe or device that it is no file.
                List<String> notes = new ArrayList<>();
                for (String c : candidates) {
                    Path p = folder.resolve(c);
                    List<Path> loop = loop(p);
                    if (Files.isDirectory(p)) {
                        notes.add(c + " is a folder");
                    } else if (!loop.isEmpty()) {
                        notes.add(loopNote(c, p, loop));
                    } else if (Files.isSymbolicLink(p) && !Files.exists(p)) {
                        notes.add(c + " is a link to " + linkTarget(p) + ", which does not exist");
                    } else if (Files.exists(p)) {
                        notes.add(c + " is not a regular file (a pipe or device)");
                    }
                }
                missing.add(String.join(" or ", candidates) + (notes.isEmpty() ? ""
                        : " (" + String.join("; ", notes) + ")"));
            }
        }
        return missing;
    }
}
