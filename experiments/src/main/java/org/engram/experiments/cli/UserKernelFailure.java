package org.engram.experiments.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.engram.simulator.engine.KernelFailed;
import org.engram.simulator.model.NeuronModels;

/**
 * The kernel of a user's neuron model threw: a bug, but in the user's code, whose author needs the
 * places in it and not Engram's twenty frames around them. Told as an {@code engram: error:} line
 * that names the population, the model, its class and the exception, then the stack frames of the
 * user's code only; the exit code stays a bug's, 1. An {@link ArithmeticException} that no user
 * frame took part in is a built-in kernel's (one a user model reuses) and is told as a built-in
 * model's is, not here.
 */
final class UserKernelFailure {
    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");
    /** The engine's classes, which call a kernel: a trace's frames from the first of them on are not the kernel's. */
    private static final String ENGINE = "org.engram.simulator.engine.";

    private UserKernelFailure() {
    }

    /**
     * {@return whether a failure is told as that of a user model's code: the model is a user's, and
     * the exception is no {@code ArithmeticException} thrown by Engram's code alone}
     *
     * @param e what a command threw
     */
    static boolean concerns(Throwable e) {
        if (!(e instanceof KernelFailed k) || k.model() == null || NeuronModels.engramsOwn(k.model())) {
            return false;
        }
        return !(k.getCause() instanceof ArithmeticException) || hasUserFrames(k);
    }

    /**
     * Prints the failure: the line, then the user's frames of the exception and of each of its
     * causes, a line marking where frames of Engram or the JDK between them were left out. The line
     * speaks of frames only when there are some.
     *
     * @param e   a failure for which {@link #concerns} holds
     * @param err where it goes
     */
    static void print(KernelFailed e, PrintWriter err) {
        Class<?> model = e.model().getClass();
        err.println("engram: error: " + e.getMessage() + " (thrown by the code of the user model " + model.getName()
                + (hasUserFrames(e) ? ", whose stack frames follow)" : "; none of the frames is its own)"));
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t != e.getCause()) {
                err.println("caused by: " + t);
            }
            for (String line : userFrames(t, model.getPackageName())) {
                err.println("\t" + line);
            }
        }
        err.flush();
    }

    /** Whether the failure's cause or one of its causes has a frame of the user's code. */
    private static boolean hasUserFrames(KernelFailed e) {
        String modelPackage = e.model().getClass().getPackageName();
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!userFrames(t, modelPackage).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The frames of a throwable that are the user's code, from where it was thrown down to the
     * engine's call of the kernel, as {@code at ...} lines: those of classes in the model's package
     * or outside Engram and the JDK (a library the model uses). Frames of Engram or the JDK before a
     * user frame (a helper that calls the user's code back, or that threw) are one line saying how
     * many were left out; those after the last are left out unsaid.
     */
    static List<String> userFrames(Throwable t, String modelPackage) {
        List<String> lines = new ArrayList<>();
        int skipped = 0;
        for (StackTraceElement frame : t.getStackTrace()) {
            String c = frame.getClassName();
            if (c.startsWith(ENGINE)) {
                break;   // the engine's call of the kernel: the rest is the engine's and the command's
            }
            boolean users = c.startsWith(modelPackage + ".") && c.indexOf('.', modelPackage.length() + 1) < 0
                    || !c.startsWith("org.engram.") && JDK.stream().noneMatch(c::startsWith);
            if (!users) {
                skipped++;
                continue;
            }
            if (skipped > 0) {
                lines.add("... " + skipped + (skipped == 1 ? " frame" : " frames") + " of Engram or the JDK");
                skipped = 0;
            }
            lines.add("at " + frame);
        }
        return lines;
    }
}
