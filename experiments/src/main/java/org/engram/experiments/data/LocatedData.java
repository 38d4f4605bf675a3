package org.engram.experiments.data;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The four Fashion-MNIST files found by {@link DataLocator}, ready to be read.
 *
 * <p>Reading is deferred to {@link #train(int)} and {@link #test(int)} so that locating the data is
 * cheap and a run can record where its data came from before loading it.
 */
public final class LocatedData {
    private final DataOrigin origin;
    /** The setting that named the folder ({@code data.path}, {@code --data}); null where the search found it. */
    private final String setting;
    private final String location;
    private final List<Path> files;

    LocatedData(DataOrigin origin, String setting, String location, List<Path> files) {
        this.origin = origin;
        this.setting = setting;
        this.location = location;
        this.files = files;
    }

    /** {@return which rule of the search found the data} */
    public DataOrigin origin() {
        return origin;
    }

    /**
     * {@return where the data came from, for reports: the setting that named the folder ({@code data.path},
     * {@code --data}), else the rule of the search that found it ({@code environment}, {@code system_folder},
     * {@code bundled_subset})}
     */
    public String source() {
        return setting != null ? setting : origin.name().toLowerCase(Locale.ROOT);
    }

    /** {@return true if the data is the small subset bundled in the jar, not the full dataset} */
    public boolean isBundledSubset() {
        return origin == DataOrigin.BUNDLED_SUBSET;
    }

    /** {@return the folder, or the classpath folder of the bundled subset} */
    public String location() {
        return location;
    }

    /**
     * What {@link #toString()} says, with a folder on disk named by its name alone, not its path: for the
     * comments of a paper's LaTeX sources, which arXiv publishes, where a local path would show the
     * author's home folder (the data's SHA-256 says which data it is).
     *
     * @return e.g. {@code IDX data from folder fashion-mnist (data.path)}
     */
    public String describedWithoutPath() {
        return isBundledSubset() ? toString() : origin.describe("folder " + Path.of(location).getFileName(), setting);
    }

    /**
     * The names of the four files, in the order of {@link FashionMnist#FILES}: of those the search
     * chose in the folder (plain or gzip, with a dash or a dot before {@code idx}), or of the
     * bundled subset's resources.
     *
     * @return the file names, without their folder
     */
    public List<String> fileNames() {
        if (isBundledSubset()) {
            return FashionMnist.FILES.stream().map(f -> f + ".gz").toList();
        }
        return files.stream().map(f -> f.getFileName().toString()).toList();
    }

    /**
     * One of the four files on disk (not for the bundled subset).
     *
     * @param index position in {@link FashionMnist#FILES}
     * @return the path
     */
    Path file(int index) {
        if (isBundledSubset()) {
            throw new IllegalStateException("the bundled subset has no files on disk");
        }
        return files.get(index);
    }

    /**
     * Reads the training split.
     *
     * @param classes number of classes: every label must lie in [0, classes) ({@link FashionMnist#CLASSES})
     * @return the training images and labels
     * @throws DataFileException if a file breaks the IDX format
     */
    public Dataset train(int classes) {
        return read(0, "fashion-mnist/train", classes);
    }

    /**
     * Reads the test split.
     *
     * @param classes number of classes: every label must lie in [0, classes) ({@link FashionMnist#CLASSES})
     * @return the test images and labels
     * @throws DataFileException if a file breaks the IDX format
     */
    public Dataset test(int classes) {
        return read(2, "fashion-mnist/test", classes);
    }

    private Dataset read(int first, String name, int classes) {
        if (!isBundledSubset()) {
            return IdxReader.read(files.get(first), files.get(first + 1), name, classes);
        }
        String images = FashionMnist.FILES.get(first) + ".gz";
        String labels = FashionMnist.FILES.get(first + 1) + ".gz";
        return IdxReader.read(resource(images), location + images, resource(labels), location + labels,
                name + "-subset", classes);
    }

    private static InputStream resource(String file) {
        InputStream in = LocatedData.class.getResourceAsStream(DataLocator.BUNDLED_FOLDER + file);
        if (in == null) {
            throw new IllegalStateException("bundled resource " + DataLocator.BUNDLED_FOLDER + file
                    + " is missing from the class path; the jar was built without its resources");
        }
        return in;
    }

    @Override
    public String toString() {
        return origin.describe(location, setting);
    }
}
