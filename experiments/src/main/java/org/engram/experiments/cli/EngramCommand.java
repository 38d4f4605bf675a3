package org.engram.experiments.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.engram.experiments.config.ConfigDocs;
import org.engram.experiments.launch.HeapAdvice;
import org.engram.simulator.EngramException;
import org.engram.simulator.Suggestions;
import org.engram.simulator.engine.KernelFailed;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code engram} command line: the root command and its subcommands.
 *
 * <p>User errors ({@link EngramException}) print their message without a stack trace and exit
 * with code 2 (picocli's usage-error code); anything else is a bug and prints its stack trace
 * with exit code 1, except running out of memory, which says how much heap there was and how to
 * get more (exit code 1). A command of subcommands run without one prints its usage to standard
 * error with exit code 2. Nothing below this class calls {@code System.exit}.
 */
@Command(name = "engram",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Spiking neural networks: an event-driven simulator and a continual-learning lab.",
        subcommands = {RunCommand.class, PlotCommand.class, CompareCommand.class, SimulateCommand.class,
                BenchCommand.class, ListCommand.class,
                HelpCommand.class},
        footer = {"", "Examples:",
                "  engram run experiments/configs/quickstart.yaml",
                "  engram simulate experiments/configs/brunel-small.yaml",
                "  engram bench brunel --threads 2 --json",
                "  engram list",
                "",
                "Environment:",
                "  ENGRAM_CLASSPATH  your own neuron models, plasticity rules and strategies:",
                "                    folders and jars separated by ':' (read by ./engram)",
                "  ENGRAM_JAVA_OPTS  the JVM's options (./engram; default",
                "                    " + HeapAdvice.LAUNCHER_JAVA_OPTIONS + ")",
                "  ENGRAM_VECTOR_API off leaves out Java's Vector API, and its warning",
                "                    (./engram; default on)",
                "  ENGRAM_DATA       the IDX data folder where a config names none"})
public final class EngramCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return missingCommand(spec);
    }

    /**
     * A command of subcommands run without one: a script that left the subcommand out fails (exit
     * code 2) rather than succeeding with the usage on its standard output.
     *
     * @param spec the command that was run
     * @return the exit code of a usage error
     */
    static int missingCommand(CommandLine.Model.CommandSpec spec) {
        CommandLine c = spec.commandLine();
        c.usage(c.getErr());
        c.getErr().println("engram: error: missing a command: one of "
                + String.join(", ", c.getSubcommands().keySet()));
        c.getErr().flush();
        return c.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * Builds the command line with Engram's error handling.
     *
     * @return the configured command line
     */
    public static CommandLine commandLine() {
        return commandLine(Boolean.getBoolean(TestHookOptions.PROPERTY));
    }

    /**
     * Builds the command line with Engram's error handling.
     *
     * @param testHooks whether {@code engram run}, {@code plot} and {@code simulate} take the options of
     *                  {@link TestHookOptions}
     * @return the configured command line
     */
    static CommandLine commandLine(boolean testHooks) {
        CommandLine cl = new CommandLine(new EngramCommand());
        TestHookOptions.addTo(cl.getSubcommands().get("run"), testHooks);
        TestHookOptions.Plot.addTo(cl.getSubcommands().get("plot"), testHooks);
        TestHookOptions.Simulate.addTo(cl.getSubcommands().get("simulate"), testHooks);
        CommandLine.Model.UsageMessageSpec runUsage = cl.getSubcommands().get("run").getCommandSpec().usageMessage();
        List<String> footer = new ArrayList<>(List.of(runUsage.footer()));
        for (String line : ConfigDocs.plainText().split("\n")) {
            footer.add(line.replace("%", "%%"));
        }
        runUsage.footer(footer.toArray(new String[0]));
        NumberConverters.register(cl);
        PathConverter.register(cl);
        giveVersion(cl);
        cl.setParameterExceptionHandler((e, args) -> {
            // A wrong option says what is wrong and where help is, without the whole usage text.
            CommandLine c = e.getCommandLine();
            String unknownCommand = unknownCommand(e, c);
            c.getErr().println("engram: error: " + (unknownCommand != null ? unknownCommand : e.getMessage()));
            if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
                // A close command or option name: "Did you mean: engram simulate?"
                if (!unmatched.getSuggestions().isEmpty() && unknownCommand == null) {
                    CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, c.getErr());
                } else {
                    suggestByEditDistance(unmatched, c);
                }
            }
            c.getErr().println("(see " + c.getCommandSpec().qualifiedName() + " --help)");
            c.getErr().flush();
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof EngramException engram) {
                err.println("engram: error: " + HeapAdvice.forCommandLine(TypedNumbers.message(engram,
                        commandLine.getParseResult())));
                // What went wrong while cleaning up after it (a folder that could not be deleted).
                for (Throwable also : e.getSuppressed()) {
                    err.println("engram: also: " + HeapAdvice.forCommandLine(String.valueOf(also.getMessage())));
                }
                err.flush();
                return 2;
            }
            if (UserCodeFailure.concerns(e)) {
                UserCodeFailure.print((RuntimeException) e, err);
                return 1;
            }
            if (e instanceof KernelFailed && e.getCause() instanceof ArithmeticException limit) {
                // A built-in kernel (a built-in model's, or one a user model reuses; a user's code that throws
                // went above) that cannot go on from the state its input drove it to (a conductance or current
                // past what its integrator takes): the input's doing, told in a line, not a bug.
                // Its message names the population and time span, then the cause, shown without its class.
                err.println("engram: error: " + e.getMessage().replace(limit.toString(), limit.getMessage()));
                err.flush();
                return 2;
            }
            e.printStackTrace(err);
            err.flush();
            return 1;
        });
        return cl;
    }

    /**
     * Every subcommand offers {@code -V, --version} (picocli's standard help options), but picocli gives
     * it no version unless the command names a provider: {@code engram run --version} printed nothing and
     * exited 0. Each gets the root's, so any command says the build it runs.
     */
    private static void giveVersion(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            if (sub.getCommandSpec().version().length == 0) {
                sub.getCommandSpec().versionProvider(new VersionProvider());
            }
            giveVersion(sub);
        }
    }

    /**
     * What to say of a word where a command of several takes the name of one ({@code engram bench hh}):
     * picocli reports every argument from there on as unmatched, and suggests options.
     *
     * @return the message, or null when the mistake is another
     */
    private static String unknownCommand(CommandLine.ParameterException e, CommandLine c) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched) || c.getSubcommands().isEmpty()
                || unmatched.getUnmatched().isEmpty() || unmatched.getUnmatched().get(0).startsWith("-")) {
            return null;
        }
        return unknownCommand(unmatched.getUnmatched().get(0), c);
    }

    /**
     * Says that a word names none of a command's subcommands, and which it has.
     *
     * @param word    the word given
     * @param command the command whose subcommand it should name
     * @return e.g. {@code unknown command 'hh' of engram bench: expected one of cuba, coba, ...}
     */
    static String unknownCommand(String word, CommandLine command) {
        return "unknown command '" + word + "' of " + command.getCommandSpec().qualifiedName()
                + ": expected one of " + String.join(", ", command.getSubcommands().keySet());
    }

    /**
     * Picocli suggests by shared letters and has nothing for a short slip such as {@code rn}; the
     * edit distance that config keys use finds {@code run}.
     */
    private static void suggestByEditDistance(CommandLine.UnmatchedArgumentException unmatched, CommandLine c) {
        if (unmatched.getUnmatched().isEmpty()) {
            return;
        }
        String word = unmatched.getUnmatched().get(0);
        // A word is a command's name mistyped; an option is never meant by one (hh is not -h).
        List<String> names = new ArrayList<>(word.startsWith("-") ? c.getCommandSpec().optionsMap().keySet()
                : c.getSubcommands().keySet());
        String best = Suggestions.closest(word, names);
        if (best != null) {
            c.getErr().println("Did you mean: " + (best.startsWith("-") ? best
                    : c.getCommandSpec().qualifiedName() + " " + best) + "?");
        }
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            // Picocli passes errors through. The stack trace would only show where the last array was
            // asked for; the heap's limit and how to raise it are what helps.
            System.err.printf(Locale.ROOT, "engram: error: out of memory: the Java heap is limited to %.0f MB; choose "
                    + "a smaller network, run or recording, or %s%n", Runtime.getRuntime().maxMemory() / 1e6,
                    HeapAdvice.MORE_HEAP);
            code = 1;
        }
        // PrintStream swallows write errors: a result lost to a full disk or a closed pipe (bench --json
        // into a file, say) would otherwise exit 0, telling a script it has what it asked for.
        if (System.out.checkError() && code == 0) {
            System.err.println("engram: error: standard output could not be written (a full disk, or a pipe closed"
                    + " before the end): what the command printed is incomplete");
            code = 1;
        }
        System.exit(code);
    }
}
