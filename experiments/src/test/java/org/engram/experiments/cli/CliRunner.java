package org.engram.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
     * The command that runs the command line in a JVM of its own, this test's class path.
     *
     * @param jvmOptions options of the JVM
     * @param args       the arguments
     * @return the command
     */
    static List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EngramCommand.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private CliRunner() {
    }
}
