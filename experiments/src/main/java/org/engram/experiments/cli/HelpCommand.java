package org.engram.experiments.cli;

import java.io.PrintWriter;
import org.engram.simulator.Suggestions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code engram help [COMMAND [SUBCOMMAND]]}: the help of a command at any depth. Picocli's own help
 * command reads one word: {@code engram help bench cuba} showed {@code bench}'s help, and
 * {@code engram help bench nope} did too, with exit code 0.
 */
@Command(name = "help", helpCommand = true,
        description = "Display help information about the specified command, e.g. engram help bench cuba.")
final class HelpCommand implements Runnable, CommandLine.IHelpCommandInitializable2 {
    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "The command, then its subcommand, whose help to show.")
    String[] commands = new String[0];

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    private CommandLine self;
    private CommandLine.Help.ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter outWriter,
                     PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = outWriter;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        for (String word : commands) {
            CommandLine sub = target.getSubcommands().get(word);
            if (sub == null) {
                String closest = Suggestions.closest(word, target.getSubcommands().keySet());
                throw new CommandLine.ParameterException(self, EngramCommand.unknownCommand(word, target)
                        + (closest == null ? "" : "; did you mean '" + closest + "'?"));
            }
            target = sub;
        }
        target.usage(out, colors);
        out.flush();
    }
}
