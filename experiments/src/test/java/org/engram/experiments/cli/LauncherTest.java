package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.engram.experiments.launch.HeapAdvice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code ./engram} launcher, run by bash in a copy of the project's layout whose {@code mvn} and
 * {@code java} are stand-ins that record how they were called: it finds its project through a
 * symlink and from any directory, rebuilds exactly when a source is newer than the jar or the
 * checkout has moved to another commit, never runs
 * the old jar after a failed build, and passes the JVM options, class path and exit code through.
 */
class LauncherTest {
    private static final FileTime OLD = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
    private static final FileTime JAR_TIME = FileTime.from(Instant.parse("2026-01-02T00:00:00Z"));
    private static final FileTime NEW = FileTime.from(Instant.parse("2026-01-03T00:00:00Z"));
    private static final int JAVA_EXIT = 7;
    /** Linux's setting of transparent huge pages, which the launcher reads (no such file on other systems). */
    private static final Path HUGE_PAGES_SETTING = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    /** The argument the launcher adds where that setting offers huge pages, as recorded by the fake java. */
    private static final String HUGE_PAGES = hugePagesOffered() ? "java arg: -XX:+UseTransparentHugePages\n" : "";
    /** Where the build writes the commit it was built from. */
    private static final String COMMIT_FILE =
            "experiments/target/classes/org/engram/experiments/run/build-commit.properties";
    private static final String BUILT_FROM = "9b59dad2a1c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7";
    private static final String LATER_COMMIT = "4c0ffee1a1c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7";

    @TempDir
    Path temp;
    private Path root;
    private Path jar;
    private Path archive;
    private Path calls;

    @BeforeEach
    void layOutProject() throws IOException {
        root = temp.resolve("a clone");   // a space in the path
        Files.createDirectories(root);
        Files.copy(Path.of("..", "engram"), root.resolve("engram"));
        jar = root.resolve("experiments/target/engram.jar");
        for (String file : List.of("pom.xml", "simulator/pom.xml", "simulator/src/main/java/A.java",
                "learning/src/main/java/B.java", "experiments/src/main/resources/org/data.txt",
                "simulator/src/test/java/T.java",
                "experiments/target/engram.jar",
                "experiments/target/classes/C.class", "README.md")) {
            Path p = root.resolve(file);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "");
            Files.setLastModifiedTime(p, p.equals(jar) ? JAR_TIME : OLD);
        }
        archive = root.resolve("experiments/target/engram.jsa");
        Files.writeString(archive, "made");   // made after the jar was built, as the launcher makes it
        Files.setLastModifiedTime(archive, NEW);
        try (Stream<Path> folders = Files.walk(root)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                Files.setLastModifiedTime(folder, OLD);
            }
        }
        calls = temp.resolve("calls.txt");
        Path bin = Files.createDirectories(temp.resolve("fake bin"));
        // mvn: records where it ran, then fails with $FAKE_MVN_EXIT or, after $FAKE_MVN_SECONDS, writes the jar.
        executable(bin.resolve("mvn"), "echo \"mvn in $PWD: $*\" >> \"$CALLS\"\n"
                + "if [ \"${FAKE_MVN_EXIT:-0}\" != 0 ]; then exit \"$FAKE_MVN_EXIT\"; fi\n"
                + "sleep \"${FAKE_MVN_SECONDS:-0}\"\n"
                + "touch experiments/target/engram.jar\n"
                + "if [ -n \"${FAKE_HEAD:-}\" ]; then printf 'git.commit.id.abbrev=%.7s\\n' \"$FAKE_HEAD\" > \""
                + COMMIT_FILE + "\"; fi\n");
        // git: HEAD is $FAKE_HEAD; without it, no repository.
        executable(bin.resolve("git"), "[ -n \"${FAKE_HEAD:-}\" ] || exit 128\necho \"$FAKE_HEAD\"\n");
        // java: the class-data archive's steps are recorded apart, take $FAKE_DUMP_SECONDS, write their files
        // and fail with $FAKE_DUMP_EXIT (the plot also with $FAKE_PLOT_EXIT); any other call records its
        // arguments and exits with JAVA_EXIT.
        executable(bin.resolve("java"), "case \" $* \" in *\" -XX:DumpLoadedClassList=\"*|*\" -Xshare:dump \"*)\n"
                + "  echo \"java dump: $*\" >> \"$CALLS.dumps\"\n"
                + "  sleep \"${FAKE_DUMP_SECONDS:-0}\"\n"
                + "  if [ \"${FAKE_DUMP_EXIT:-0}\" != 0 ]; then exit \"$FAKE_DUMP_EXIT\"; fi\n"
                + "  case \" $* \" in *\" plot \"*)\n"
                + "    if [ -n \"${FAKE_PLOT_EXIT:-}\" ]; then exit \"$FAKE_PLOT_EXIT\"; fi;; esac\n"
                + "  for a in \"$@\"; do case \"$a\" in -XX:DumpLoadedClassList=*|-XX:SharedArchiveFile=*)"
                + " echo made > \"${a#*=}\";; esac; done\n"
                + "  exit 0;;\nesac\n"
                + "for a in \"$@\"; do echo \"java arg: $a\" >> \"$CALLS\"; done\n"
                + "echo \"$ENGRAM_COMMAND\" > \"$CALLS.command\"\n"
                + "echo \"${LC_ALL:-}\" > \"$CALLS.locale\"\n"
                + "exit " + JAVA_EXIT + "\n");
    }

    private static void executable(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Run(int exitCode, String err, String calls) {
        boolean built() {
            return calls.contains("mvn in ");
        }

        boolean ranJava() {
            return calls.contains("java arg: ");
        }
    }

    private Run launch(Path script, Path workingDirectory, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Files.deleteIfExists(calls);
        Path err = temp.resolve("err.txt");
        int code = start(script, workingDirectory, env, err, args).waitFor();
        String recorded = Files.exists(calls) ? Files.readString(calls) : "";
        return new Run(code, Files.readString(err), recorded);
    }

    private Process start(Path script, Path workingDirectory, Map<String, String> env, Path err, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDirectory.toFile());
        pb.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PATH", temp.resolve("fake bin") + ":" + System.getenv("PATH"));
        pb.environment().put("CALLS", calls.toString());
        pb.environment().remove("ENGRAM_JAVA_OPTS");
        pb.environment().remove("ENGRAM_CLASSPATH");
        pb.environment().remove("ENGRAM_VECTOR_API");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().putAll(env);
        return pb.start();
    }

    @Test
    void runsTheJarBesideTheRealScriptThroughASymlinkFromAnotherDirectory() throws Exception {
        Path links = Files.createDirectories(temp.resolve("bin"));
        Path link = Files.createSymbolicLink(links.resolve("engram"), Path.of("..", "a clone", "engram"));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));

        Run run = launch(link, elsewhere, Map.of(), "list", "two words");

        assertFalse(run.built(), run.calls + run.err);
        assertTrue(run.calls.contains("java arg: -cp\njava arg: " + jar + "\n"), run.calls + run.err);
        assertTrue(run.calls.endsWith("java arg: list\njava arg: two words\n"), run.calls);
        assertEquals(JAVA_EXIT, run.exitCode, "the command's exit code is the launcher's");
    }

    @ParameterizedTest
    @ValueSource(strings = {"simulator/src/main/java/A.java", "learning/src/main/java/B.java",
        "experiments/src/main/resources/org/data.txt", "simulator/pom.xml", "pom.xml"})
    void rebuildsInTheProjectWhenASourceIsNewerThanTheJar(String source) throws Exception {
        Files.setLastModifiedTime(root.resolve(source), NEW);

        Run run = launch(root.resolve("engram"), temp, Map.of(), "list");

        assertTrue(run.calls.startsWith("mvn in " + root + ": "), run.calls + run.err);
        // From clean target folders, so that a deleted resource leaves the jar; tests not even compiled,
        // so that one half written stops no command.
        assertTrue(run.calls.contains(" clean package") && run.calls.contains("-Dmaven.test.skip=true"), run.calls);
        assertTrue(run.ranJava(), run.calls);
        Run again = launch(root.resolve("engram"), temp, Map.of(), "list");
        assertFalse(again.built(), "the rebuilt jar is newer than every source: " + again.calls);
    }

    /** Deleting a class leaves no newer file, but the jar still holds it: its folder tells. */
    @Test
    void rebuildsWhenASourceIsDeleted() throws Exception {
        Path source = root.resolve("learning/src/main/java/B.java");
        Files.delete(source);
        Files.setLastModifiedTime(source.getParent(), NEW);   // as the deletion sets it

        Run run = launch(root.resolve("engram"), temp, Map.of(), "list");

        assertTrue(run.built(), run.calls + run.err);
        assertTrue(run.ranJava(), run.calls);
    }

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "experiments/target/classes/C.class", "experiments/target/classes",
        "simulator/src/test/java/T.java", "simulator/src/test/java"})
    void doesNotRebuildForFilesThatAreNotSources(String file) throws Exception {
        Files.setLastModifiedTime(root.resolve(file), NEW);

        Run run = launch(root.resolve("engram"), temp, Map.of(), "list");

        assertFalse(run.built(), run.calls);
        assertTrue(run.ranJava(), run.calls);
    }

    /** Committing what was built, or checking out another commit, leaves no newer source; runs record the commit. */
    @Test
    void rebuildsWhenTheCommitIsNotTheOneTheJarWasBuiltFrom() throws Exception {
        writeBuiltFrom();

        Run run = launch(root.resolve("engram"), temp, Map.of("FAKE_HEAD", LATER_COMMIT), "list");

        assertTrue(run.built(), run.calls + run.err);
        assertTrue(run.ranJava(), run.calls);
        Run again = launch(root.resolve("engram"), temp, Map.of("FAKE_HEAD", LATER_COMMIT), "list");
        assertFalse(again.built(), "the rebuilt jar records the commit: " + again.calls);
    }

    @Test
    void doesNotRebuildAtTheCommitTheJarWasBuiltFromNorWithoutARepository() throws Exception {
        writeBuiltFrom();

        assertFalse(launch(root.resolve("engram"), temp, Map.of("FAKE_HEAD", BUILT_FROM), "list").built());
        assertFalse(launch(root.resolve("engram"), temp, Map.of(), "list").built(), "no repository");
        Files.writeString(root.resolve(COMMIT_FILE), "");
        assertFalse(launch(root.resolve("engram"), temp, Map.of("FAKE_HEAD", LATER_COMMIT), "list").built(),
                "built from a source archive: no commit recorded");
    }

    /** The build's record of its commit, as the build writes it: the commit abbreviated to 7 digits. */
    private void writeBuiltFrom() throws IOException {
        Path file = root.resolve(COMMIT_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#Generated\ngit.commit.id.abbrev=" + BUILT_FROM.substring(0, 7)
                + "\ngit.dirty=false\n");
        Files.setLastModifiedTime(file, OLD);
    }

    @Test
    void buildsWhenTheJarIsMissing() throws Exception {
        Files.delete(jar);

        Run run = launch(root.resolve("engram"), temp, Map.of(), "list");

        assertTrue(run.built(), run.calls + run.err);
        assertTrue(run.ranJava(), run.calls);
    }

    /**
     * After a build the class-data archive is made once, from the classes of a short benchmark and of
     * the reference run's plots, with the options in use, and every command starts with it until the
     * jar is rebuilt.
     */
    @Test
    void makesTheClassDataArchiveOnceABuildAndStartsWithIt() throws Exception {
        Files.delete(jar);
        Path dumps = Path.of(calls + ".dumps");

        Run run = launch(root.resolve("engram"), temp, Map.of("ENGRAM_JAVA_OPTS", "-Xmx2g"), "list");

        assertTrue(run.built(), run.calls + run.err);
        List<String> steps = Files.readAllLines(dumps);
        assertEquals(3, steps.size(), steps.toString());
        String dump = "java dump: --add-modules jdk.incubator.vector -Xmx2g ";
        assertTrue(steps.get(0).startsWith(dump + "-XX:DumpLoadedClassList=" + archive + ".")
                && steps.get(0).endsWith(" -cp " + jar + " org.engram.experiments.cli.EngramCommand bench cuba"
                + " --neurons 400 --duration-ms 20"), steps.get(0));
        assertTrue(steps.get(1).startsWith(dump + "-XX:DumpLoadedClassList=" + archive + ".")
                && steps.get(1).contains(" -cp " + jar + " org.engram.experiments.cli.EngramCommand plot " + root
                + "/results/reference/quickstart --out " + archive + "."), steps.get(1));
        assertTrue(steps.get(2).startsWith(dump + "-Xshare:dump -XX:SharedClassListFile=" + archive + ".")
                && steps.get(2).contains(" -XX:SharedArchiveFile=" + archive + ".")
                && steps.get(2).endsWith(" -cp " + jar), steps.get(2));
        assertTrue(run.err.contains("engram: making a class-data archive for faster starts (once per build) ...\n"),
                run.err);
        assertTrue(run.calls.contains("\njava arg: --enable-native-access=ALL-UNNAMED\njava arg: --add-modules\n"
                + "java arg: jdk.incubator.vector\n" + HUGE_PAGES + "java arg: -XX:SharedArchiveFile="
                + archive + "\njava arg: -Xmx2g\n"), run.calls);
        assertEquals("made\n", Files.readString(archive));
        try (Stream<Path> left = Files.list(archive.getParent())) {
            assertEquals(List.of("classes", "engram.jar", "engram.jsa"), left.map(p -> p.getFileName().toString())
                    .sorted().toList(), "the class list and the archive's temporary name are gone");
        }

        Files.delete(dumps);
        Run again = launch(root.resolve("engram"), temp, Map.of(), "list");
        assertFalse(Files.exists(dumps), "made once for the jar");
        assertTrue(again.calls.contains("java arg: -XX:SharedArchiveFile=" + archive + "\n"), again.calls);

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        launch(root.resolve("engram"), temp, Map.of(), "list");
        assertEquals(3, Files.readAllLines(dumps).size(), "made again for a newer jar");
    }

    /** A plot of the reference run that fails, writing no class list, leaves the benchmark's classes to the archive. */
    @Test
    void aFailedPlotLeavesTheArchiveToTheBenchmarksClasses() throws Exception {
        Files.setLastModifiedTime(archive, OLD);

        Run run = launch(root.resolve("engram"), temp, Map.of("FAKE_PLOT_EXIT", "1"), "list");

        assertEquals(3, Files.readAllLines(Path.of(calls + ".dumps")).size(), "the benchmark, the plot and the dump");
        assertEquals(JAVA_EXIT, run.exitCode, run.err);
        assertTrue(run.calls.contains("java arg: -XX:SharedArchiveFile=" + archive + "\n"), run.calls);
        assertEquals("made\n", Files.readString(archive));
    }

    /** An archive that could not be made is not tried again for that jar, and no command is given it. */
    @Test
    void anArchiveThatCouldNotBeMadeIsNotTriedAgainForThatJar() throws Exception {
        Files.setLastModifiedTime(archive, OLD);
        Path dumps = Path.of(calls + ".dumps");

        Run failed = launch(root.resolve("engram"), temp, Map.of("FAKE_DUMP_EXIT", "1"), "list");

        assertEquals(1, Files.readAllLines(dumps).size(), "the class list failed; no dump was tried");
        assertEquals(JAVA_EXIT, failed.exitCode, "the command runs all the same");
        assertFalse(failed.calls.contains("SharedArchiveFile"), failed.calls);
        assertEquals(0, Files.size(archive), "an empty file marks the jar as tried");

        Files.delete(dumps);
        Run again = launch(root.resolve("engram"), temp, Map.of(), "list");
        assertFalse(Files.exists(dumps), "not tried again");
        assertFalse(again.calls.contains("SharedArchiveFile"), again.calls);
        assertFalse(again.err.contains("class-data"), again.err);
    }

    /** Two builds in the same target folders break each other (one compiles while the other cleans up). */
    @Test
    void launchersStartedTogetherBuildOnce() throws Exception {
        assumeTrue(new ProcessBuilder("sh", "-c", "command -v flock").start().waitFor() == 0, "needs flock");
        Files.setLastModifiedTime(root.resolve("simulator/src/main/java/A.java"), NEW);
        Map<String, String> slowBuild = Map.of("FAKE_MVN_SECONDS", "1");

        Process first = start(root.resolve("engram"), temp, slowBuild, temp.resolve("err1.txt"), "list");
        Process second = start(root.resolve("engram"), temp, slowBuild, temp.resolve("err2.txt"), "list");

        assertEquals(JAVA_EXIT, first.waitFor(), Files.readString(temp.resolve("err1.txt")));
        assertEquals(JAVA_EXIT, second.waitFor(), Files.readString(temp.resolve("err2.txt")));
        String recorded = Files.readString(calls);
        assertEquals(1, recorded.split("mvn in ", -1).length - 1, "one build, the other launcher waits: " + recorded);
        assertEquals(2, recorded.split("java arg: list", -1).length - 1, recorded);
    }

    /** Launchers started together after a build make the class-data archive once; the others wait and use it. */
    @Test
    void launchersStartedTogetherMakeTheArchiveOnce() throws Exception {
        assumeTrue(new ProcessBuilder("sh", "-c", "command -v flock").start().waitFor() == 0, "needs flock");
        Files.setLastModifiedTime(archive, OLD);
        Map<String, String> slowDump = Map.of("FAKE_DUMP_SECONDS", "1");

        Process first = start(root.resolve("engram"), temp, slowDump, temp.resolve("err1.txt"), "list");
        Process second = start(root.resolve("engram"), temp, slowDump, temp.resolve("err2.txt"), "list");

        assertEquals(JAVA_EXIT, first.waitFor(), Files.readString(temp.resolve("err1.txt")));
        assertEquals(JAVA_EXIT, second.waitFor(), Files.readString(temp.resolve("err2.txt")));
        List<String> dumps = Files.readAllLines(Path.of(calls + ".dumps"));
        assertEquals(3, dumps.size(), "one making (benchmark, plot, dump), the other launcher waits: " + dumps);
        String recorded = Files.readString(calls);
        assertEquals(2, recorded.split("java arg: -XX:SharedArchiveFile=" + archive + "\n", -1).length - 1,
                "both commands start with the archive: " + recorded);
    }

    @Test
    void aFailedBuildSaysSoFailsAndDoesNotRunTheOldJar() throws Exception {
        Files.setLastModifiedTime(root.resolve("simulator/src/main/java/A.java"), NEW);

        Run run = launch(root.resolve("engram"), temp, Map.of("FAKE_MVN_EXIT", "3"), "list");

        assertTrue(run.built(), run.calls);
        assertFalse(run.ranJava(), "the old jar must not run: " + run.calls);
        assertTrue(run.exitCode != 0 && run.exitCode != JAVA_EXIT, "exit code " + run.exitCode);
        assertTrue(run.err.contains("engram: the build failed"), run.err);
    }

    /**
     * A stopped run tells how to continue it with the command the user typed ({@code ./engram}), not {@code engram}.
     */
    @Test
    void tellsTheCommandLineHowItWasStarted() throws Exception {
        Path script = root.resolve("engram");
        launch(script, temp, Map.of(), "list");
        assertEquals(script + "\n", Files.readString(Path.of(calls + ".command")));
    }

    /**
     * Under the C locale Java took file names for ASCII, and a folder such as résultats could not be
     * named: the launcher runs it under C.UTF-8 then, and leaves a UTF-8 locale as it is.
     */
    @Test
    void runsJavaWithUtf8FileNamesUnderTheCLocale() throws Exception {
        assumeTrue(new ProcessBuilder("sh", "-c", "locale -a | grep -qix 'c\\.utf-\\?8'").start().waitFor() == 0,
                "needs the C.UTF-8 locale");
        launch(root.resolve("engram"), temp, Map.of("LC_ALL", "C"), "list");
        assertEquals("C.UTF-8\n", Files.readString(Path.of(calls + ".locale")));
        launch(root.resolve("engram"), temp, Map.of("LC_ALL", "C.utf8"), "list");
        assertEquals("C.utf8\n", Files.readString(Path.of(calls + ".locale")), "a UTF-8 locale is kept");
        launch(root.resolve("engram"), temp, Map.of("LC_ALL", "POSIX"), "list");
        assertEquals("C.UTF-8\n", Files.readString(Path.of(calls + ".locale")));
    }

    /**
     * The Vector API's module is added where the Java runtime has it, as its release file lists: a runtime linked
     * without it refuses {@code --add-modules jdk.incubator.vector} and would not start. A runtime without a release
     * file is given it.
     */
    @Test
    void addsTheVectorApiWhereTheJavaRuntimeHasIt() throws Exception {
        // The fake java lies in <temp>/fake bin/, so the runtime it stands for is <temp>.
        Path release = temp.resolve("release");
        Files.writeString(release, "JAVA_VERSION=\"17.0.15\"\nMODULES=\"java.base java.logging\"\n");
        Run without = launch(root.resolve("engram"), temp, Map.of(), "list");
        assertTrue(without.calls.startsWith("java arg: --enable-native-access=ALL-UNNAMED\n" + HUGE_PAGES
                + "java arg: -XX:SharedArchiveFile="), without.calls);

        Files.writeString(release, "JAVA_VERSION=\"17.0.15\"\nMODULES=\"java.base jdk.incubator.vector\"\n");
        Run with = launch(root.resolve("engram"), temp, Map.of(), "list");
        assertTrue(with.calls.startsWith("java arg: --enable-native-access=ALL-UNNAMED\n"
                + "java arg: --add-modules\njava arg: jdk.incubator.vector\n" + HUGE_PAGES), with.calls);
    }

    /**
     * {@code ENGRAM_VECTOR_API=off} leaves the module out, and Java's warning with it; a value the launcher cannot
     * read stops it before anything is built or run.
     */
    @Test
    void leavesTheVectorApiOutWhenToldAndRefusesAValueItCannotRead() throws Exception {
        Files.writeString(temp.resolve("release"), "MODULES=\"java.base jdk.incubator.vector\"\n");
        for (String off : List.of("off", "0", "false", "no", "OFF")) {
            Run run = launch(root.resolve("engram"), temp, Map.of("ENGRAM_VECTOR_API", off), "list");
            assertTrue(run.ranJava() && !run.calls.contains("jdk.incubator.vector"), off + ": " + run.calls);
        }
        Run on = launch(root.resolve("engram"), temp, Map.of("ENGRAM_VECTOR_API", "on"), "list");
        assertTrue(on.calls.contains("java arg: --add-modules\njava arg: jdk.incubator.vector\n"), on.calls);

        Files.setLastModifiedTime(root.resolve("simulator/src/main/java/A.java"), NEW);   // the jar is stale
        Run unread = launch(root.resolve("engram"), temp, Map.of("ENGRAM_VECTOR_API", "of"), "list");
        assertEquals(2, unread.exitCode);
        assertFalse(unread.ranJava() || unread.built(), unread.calls);
        assertEquals("engram: ENGRAM_VECTOR_API is 'of'; expected on or off (or 1, true, yes; 0, false, no)\n",
                unread.err);
    }

    /**
     * The module is left out where C2 does not compile, whose code the Vector API needs, as the JVM's options say
     * in the order Java reads them ({@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS}, the command line), the
     * last of a kind deciding; without tiered compilation C2 compiles whatever level is named.
     */
    @Test
    void leavesTheVectorApiOutWhereC2DoesNotCompile() throws Exception {
        Files.writeString(temp.resolve("release"), "MODULES=\"java.base jdk.incubator.vector\"\n");
        List<Map<String, String>> withoutC2 = List.of(Map.of("ENGRAM_JAVA_OPTS", "-Xint"),
                Map.of("ENGRAM_JAVA_OPTS", "-XX:TieredStopAtLevel=1"),
                Map.of("ENGRAM_JAVA_OPTS", "-Xmx2g\t-XX:TieredStopAtLevel=3\n-Dx=*"),
                Map.of("ENGRAM_JAVA_OPTS", "-XX:CompilationMode=quick-only"),
                Map.of("ENGRAM_JAVA_OPTS", "-XX:TieredStopAtLevel=4 -XX:TieredStopAtLevel=1"),
                Map.of("JAVA_TOOL_OPTIONS", "-Xint"),
                Map.of("JDK_JAVA_OPTIONS", "-XX:TieredStopAtLevel=2"));
        for (Map<String, String> env : withoutC2) {
            Run run = launch(root.resolve("engram"), temp, env, "list");
            assertTrue(run.ranJava() && !run.calls.contains("jdk.incubator.vector"), env + ": " + run.calls);
        }
        List<Map<String, String>> withC2 = List.of(Map.of("ENGRAM_JAVA_OPTS", "-XX:TieredStopAtLevel=4"),
                Map.of("ENGRAM_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:TieredStopAtLevel=4"),
                Map.of("ENGRAM_JAVA_OPTS", "-XX:-TieredCompilation -XX:TieredStopAtLevel=1"),
                Map.of("JAVA_TOOL_OPTIONS", "-Xint", "ENGRAM_JAVA_OPTS", "-Xmixed"),
                Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1", "JDK_JAVA_OPTIONS", "-XX:TieredStopAtLevel=4"));
        for (Map<String, String> env : withC2) {
            Run run = launch(root.resolve("engram"), temp, env, "list");
            assertTrue(run.calls.contains("java arg: jdk.incubator.vector\n"), env + ": " + run.calls);
        }
    }

    /**
     * Huge pages are asked for where Linux offers them, as its setting marks "always" or "madvise" (where it marks
     * "never", or on another system, the JVM would warn or refuse the option), and not where the user's options
     * turn them off. This host's setting decides which case the first part runs.
     */
    @Test
    void asksForHugePagesWhereLinuxOffersThemUnlessTheUsersOptionsSayNot() throws Exception {
        Run run = launch(root.resolve("engram"), temp, Map.of(), "list");
        assertEquals(hugePagesOffered(), run.calls.contains("java arg: -XX:+UseTransparentHugePages\n"), run.calls);
        for (String variable : List.of("ENGRAM_JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
            Run off = launch(root.resolve("engram"), temp, Map.of(variable, "-XX:-UseTransparentHugePages"), "list");
            assertTrue(off.ranJava() && !off.calls.contains("-XX:+UseTransparentHugePages"),
                    variable + ": " + off.calls);
        }
    }

    private static boolean hugePagesOffered() {
        try {
            String setting = Files.readString(HUGE_PAGES_SETTING);
            return setting.contains("[always]") || setting.contains("[madvise]");
        } catch (IOException notLinux) {
            return false;
        }
    }

    @Test
    void passesJavaOptionsAndUserClassPath() throws Exception {
        Run defaults = launch(root.resolve("engram"), temp, Map.of(), "list");
        assertTrue(defaults.calls.startsWith("java arg: --enable-native-access=ALL-UNNAMED\n"
                + "java arg: --add-modules\njava arg: jdk.incubator.vector\n" + HUGE_PAGES
                + "java arg: -XX:SharedArchiveFile=" + archive + "\n"
                + "java arg: -XX:+UseParallelGC\njava arg: -XX:ObjectAlignmentInBytes=64\njava arg: -cp\n"),
                defaults.calls);
        // What the heap advice and --help give as the launcher's defaults is what it passes.
        assertTrue(defaults.calls.contains(Arrays.stream(HeapAdvice.LAUNCHER_JAVA_OPTIONS.split(" "))
                .map(o -> "java arg: " + o + "\n").collect(Collectors.joining())), defaults.calls);

        Run run = launch(root.resolve("engram"), temp,
                Map.of("ENGRAM_JAVA_OPTS", "-Xmx8g -Dx=1", "ENGRAM_CLASSPATH", "mymodels"), "list");

        assertTrue(run.calls.startsWith("java arg: --enable-native-access=ALL-UNNAMED\n"
                + "java arg: --add-modules\njava arg: jdk.incubator.vector\n" + HUGE_PAGES
                + "java arg: -XX:SharedArchiveFile=" + archive + "\n"
                + "java arg: -Xmx8g\njava arg: -Dx=1\njava arg: -cp\njava arg: " + jar + ":mymodels\n"), run.calls);
        assertTrue(run.err.contains("engram: warning: ENGRAM_CLASSPATH names 'mymodels', which does not exist (from "
                + temp + ")"), run.err);
    }

    @Test
    void warnsOnlyOfUserClassPathEntriesThatDoNotExist() throws Exception {
        Files.createDirectories(temp.resolve("models"));
        Files.writeString(temp.resolve("strategy.jar"), "");

        Run run = launch(root.resolve("engram"), temp,
                Map.of("ENGRAM_CLASSPATH", "models:strategy.jar:models/*:*::lost/*:mistyped.jar"), "list");

        assertEquals("engram: warning: ENGRAM_CLASSPATH names 'lost/*', which does not exist (from " + temp + ")\n"
                + "engram: warning: ENGRAM_CLASSPATH names 'mistyped.jar', which does not exist (from " + temp + ")\n",
                run.err);
        assertEquals(JAVA_EXIT, run.exitCode, "a warning does not stop the command");
    }
}
