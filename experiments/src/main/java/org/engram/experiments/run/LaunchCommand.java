package org.engram.experiments.run;

import java.util.Map;

/**
 * How the user started Engram, for the commands a message tells them to type next (such as the
 * {@code --resume} that continues a stopped run): {@code ./engram} from a clone, whose launcher
 * says so in {@code ENGRAM_COMMAND}, else {@code engram}.
 */
public final class LaunchCommand {
    /** The environment variable the launcher script sets to the path it was started by. */
    public static final String VARIABLE = "ENGRAM_COMMAND";

    private LaunchCommand() {
    }

    /** @return the command that starts Engram in this process's environment */
    public static String current() {
        return of(System.getenv());
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
