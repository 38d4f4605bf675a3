package org.engram.experiments.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.engram.simulator.engine.KernelFailed;
import org.engram.simulator.model.NeuronModels;

/**
 * The kernel of a user's neuron model threw: a bug, but in the user's code, whose author needs the
 * place in it and not Engram's twenty frames around it. Told as an {@code engram: error:} line that
 * names the population, the model, its class and the exception, then the stack frames of the user's
 * code only; the exit code stays a bug's, 1.
 */
final class UserKernelFailure {
    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private UserKernelFailure() {
    }

    /**
     * {@return whether a failure is that of a user model's code}
     *
     * @param e what a command threw
     */
    static boolean concerns(Throwable e) {
        return e instanceof KernelFailed k && k.model() != null && !NeuronModels.builtIn(k.model());
    }

    /**
     * Prints the failure: the line, then the user's frames of the exception and of each of its causes.
     *
     * @param e   a failure for which {@link #concerns} holds
     * @param err where it goes
     */
    static void print(KernelFailed e, PrintWriter err) {
        Class<?> model = e.model().getClass();
        err.println("engram: error: " + e.getMessage() + " (thrown by the code of the user model " + model.getName()
                + ", whose stack frames follow)");
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t != e.getCause()) {
                err.println("caused by: " + t);
            }
            for (StackTraceElement frame : userFrames(t, model.getPackageName())) {
                err.println("\tat " + frame);
            }
        }
        err.flush();
    }

    /**
     * The frames of a throwable that are the user's code, from where it was thrown down to the
     * engine's call of it: those of classes in the model's package or outside Engram and the JDK
     * (a library the model uses).
     */
    static List<StackTraceElement> userFrames(Throwable t, String modelPackage) {
        List<StackTraceElement> frames = new ArrayList<>();
        for (StackTraceElement frame : t.getStackTrace()) {
            String c = frame.getClassName();
            boolean users = c.startsWith(modelPackage + ".") && c.indexOf('.', modelPackage.length() + 1) < 0
                    || !c.startsWith("org.engram.") && JDK.stream().noneMatch(c::startsWith);
            if (users) {
                frames.add(frame);
            } else if (!frames.isEmpty() && c.startsWith("org.engram.simulator.")) {
                break;   // Engram's code that called the user's: the rest is the engine's and the command's
            }
        }
        return frames;
    }
}
