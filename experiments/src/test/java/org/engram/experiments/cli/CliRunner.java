package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Runs the command line in-process and captures its output, or in a JVM of its own. */
final class CliRunner {
    record Result(int exitCode, String out, String err) {
        /** @return the last non-empty line of standard output */
        String lastLine() {
            String[] lines = out.strip().split("\\R");
            return lines[lines.length - 1];
        }
    }

    /**
     * Asserts that a command line was refused as a usage error: exit code 2, exactly this message on standard
     * error, and nothing on standard output.
     *
     * @param message what follows {@code engram: error: }, without the line break
     * @param r       the result of the command line
     */
    static void assertRefused(String message, Result r) {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("engram: error: " + message + "\n", r.err());
        assertEquals("", r.out());
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = EngramCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Runs a call with a context class loader that adds {@code dir/classes}, where a services file
     * names providers of one's own (found with {@link java.util.ServiceLoader}), and other folders.
     *
     * @param dir       the folder of the test, whose {@code classes} folder gets the services file
     * @param service   the service type
     * @param providers the providers' binary class names, one line each
     * @param more      further folders of classes, e.g. a rule compiled by the test
     * @param call      runs the command line
     * @return its result
     */
    static Result withServices(Path dir, Class<?> service, List<String> providers, List<Path> more,
                               Supplier<Result> call) throws IOException {
        Path services = Files.createDirectories(dir.resolve("classes").resolve("META-INF").resolve("services"));
        Files.write(services.resolve(service.getName()), providers);
        List<URL> path = new ArrayList<>(List.of(dir.resolve("classes").toUri().toURL()));
        for (Path folder : more) {
            path.add(folder.toUri().toURL());
        }
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(path.toArray(URL[]::new), before)) {
            thread.setContextClassLoader(loader);
            return call.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /**
     * Starts the command line in a JVM of its own, for tests that stop it with a signal.
     *
     * @param log  receives its standard output and error
     * @param args the arguments
     * @return the running process
     */
    static Process start(Path log, String... args) throws IOException {
        return start(List.of(), log, args);
    }

    /**
     * Starts the command line in a JVM of its own with JVM options, such as a small heap.
     *
     * @param jvmOptions options of the JVM, e.g. {@code -Xmx64m}
     * @param log        receives its standard output and error
     * @param args       the arguments
     * @return the running process
     */
    static Process start(List<String> jvmOptions, Path log, String... args) throws IOException {
        return new ProcessBuilder(command(jvmOptions, args)).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
    }

    /**
     * The command that runs the command line in a JVM of its own, this test's class path, with the
     * options of {@link TestHookOptions}.
     *
     * @param jvmOptions options of the JVM
     * @param args       the arguments
     * @return the command
     */
    static List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.add("-D" + TestHookOptions.PROPERTY + "=true");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EngramCommand.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private CliRunner() {
    }
}
