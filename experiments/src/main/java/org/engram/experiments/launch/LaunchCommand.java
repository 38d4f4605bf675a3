package org.engram.experiments.launch;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the user started Engram, for the commands a message tells them to type next (such as the
 * {@code --resume} that continues a stopped run): {@code ./engram} from a clone, whose launcher
 * says so in {@code ENGRAM_COMMAND}, else {@code engram}; with the {@code ENGRAM_CLASSPATH} the
 * process was given, whose classes (a strategy or neuron model of one's own) the command needs too.
 */
public final class LaunchCommand {
    /** The environment variable the launcher script sets to the path it was started by. */
    public static final String VARIABLE = "ENGRAM_COMMAND";
    /** The environment variable whose folders and jars the launcher adds to the class path. */
    static final String CLASSPATH = "ENGRAM_CLASSPATH";

    private LaunchCommand() {
    }

    /**
     * The command that continues a stopped run, ready to paste into a shell.
     *
     * @param partialFolder the run's partial folder
     * @return e.g. {@code ./engram run --resume 'my results/quickstart/.20261201T000000Z-abcdef.partial'}
     */
    public static String resume(Path partialFolder) {
        return invocation(System.getenv()) + " run --resume " + pathWord(partialFolder.toString());
    }

    /**
     * A command that gives a file to a subcommand, ready to paste into a shell.
     *
     * @param subcommand e.g. {@code simulate}
     * @param file       the file's path
     * @return e.g. {@code ./engram simulate 'my configs/brunel.yaml'}
     */
    public static String withFile(String subcommand, String file) {
        return invocation(System.getenv()) + " " + subcommand + " " + pathWord(file);
    }

    /**
     * The start of a command to paste: the command that starts Engram, after the class path of
     * one's own classes when the process had one (a resume without it refused the run's strategy).
     *
     * @param environment the environment variables
     * @return e.g. {@code ENGRAM_CLASSPATH=mine ./engram}
     */
    static String invocation(Map<String, String> environment) {
        String classpath = environment.get(CLASSPATH);
        String command = shellWord(of(environment));
        return classpath == null || classpath.isBlank() ? command : CLASSPATH + "=" + shellWord(classpath) + " "
                + command;
    }

    /**
     * A path as one shell word that no command reads as an option: a relative path starting with
     * {@code -} gets {@code ./} before it.
     *
     * @param path the path
     * @return the word
     */
    public static String pathWord(String path) {
        return shellWord(path.startsWith("-") ? "./" + path : path);
    }

    /**
     * A path or other text as one word of a POSIX shell: as it is when it holds only characters a
     * shell takes literally, else in single quotes (a quote inside written {@code '\''}).
     *
     * @param text the text
     * @return the word
     */
    public static String shellWord(String text) {
        if (!text.isEmpty() && text.matches("[A-Za-z0-9_./:@%+=,-]+")) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /**
     * The command that starts Engram in an environment.
     *
     * @param environment the environment variables
     * @return {@code ENGRAM_COMMAND} if set and not blank, else {@code engram}
     */
    static String of(Map<String, String> environment) {
        String command = environment.get(VARIABLE);
        return command == null || command.isBlank() ? "engram" : command;
    }
}
