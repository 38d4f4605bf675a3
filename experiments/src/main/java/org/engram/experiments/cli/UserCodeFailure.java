package org.engram.experiments.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.engram.learning.plasticity.PlasticityRule;
import org.engram.simulator.PlugIns;
import org.engram.simulator.engine.Engine;
import org.engram.simulator.engine.KernelFailed;
import org.engram.simulator.engine.ListenerFailed;
import org.engram.simulator.model.NeuronModels;

/**
 * A user's code threw during a run: the kernel of a neuron model of their own, or a plasticity rule
 * (or another spike listener) of their own. A bug, but in the user's code, whose author needs the
 * places in it and not Engram's twenty frames around them. Told as an {@code engram: error:} line
 * that names what failed, its class and the exception, then the stack frames of the user's code
 * only; the exit code stays a bug's, 1. An {@link ArithmeticException} that no user frame took part
 * in is a built-in kernel's (one a user model reuses) and is told as a built-in model's is, not here.
 */
final class UserCodeFailure {
    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");
    /**
     * The engine's classes, which call kernels and listeners: a trace's frames from the first of them
     * on are not the user's.
     */
    private static final String ENGINE = "org.engram.simulator.engine.";

    private UserCodeFailure() {
    }

    /**
     * {@return whether a failure is told as that of a user's code: a user model's kernel that threw
     * other than an {@code ArithmeticException} of Engram's code alone, or a listener of the user's}
     *
     * @param e what a command threw
     */
    static boolean concerns(Throwable e) {
        return usersClass(e) != null;
    }

    /**
     * Prints the failure: the line, then the user's frames of the exception and of each of its
     * causes, a line marking where frames of Engram or the JDK between them were left out. The line
     * speaks of frames only when there are some.
     *
     * @param e   a failure for which {@link #concerns} holds
     * @param err where it goes
     */
    static void print(RuntimeException e, PrintWriter err) {
        Class<?> code = usersClass(e);
        String what = e instanceof KernelFailed ? "user model"
                : PlasticityRule.class.isAssignableFrom(code) ? "user plasticity rule" : "user listener";
        err.println("engram: error: " + e.getMessage() + " (thrown by the code of the " + what + " "
                + code.getName() + (hasUserFrames(e, code) ? ", whose stack frames follow)"
                : "; none of the frames is its own)"));
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t != e.getCause()) {
                err.println("caused by: " + t);
            }
            for (String line : userFrames(t, code.getPackageName())) {
                err.println("\t" + line);
            }
        }
        err.flush();
    }

    /** The user's class whose code failed, or null when the failure is not a user's code's. */
    private static Class<?> usersClass(Throwable e) {
        if (e instanceof KernelFailed k && k.model() != null && !NeuronModels.engramsOwn(k.model())) {
            Class<?> model = k.model().getClass();
            return !(k.getCause() instanceof ArithmeticException) || hasUserFrames(k, model) ? model : null;
        }
        if (e instanceof ListenerFailed l && l.listener() != null && !engramsOwn(l.listener().getClass())) {
            return l.listener().getClass();
        }
        return null;
    }

    /** Whether a listener's class is of Engram's modules: the simulator's, the rules' or the command line's. */
    private static boolean engramsOwn(Class<?> type) {
        return PlugIns.loadedAlongside(type, Engine.class) || PlugIns.loadedAlongside(type, PlasticityRule.class)
                || PlugIns.loadedAlongside(type, UserCodeFailure.class);
    }

    /** Whether the failure's cause or one of its causes has a frame of the user's code. */
    private static boolean hasUserFrames(Throwable e, Class<?> code) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!userFrames(t, code.getPackageName()).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The frames of a throwable that are the user's code, from where it was thrown down to the
     * engine's call of it, as {@code at ...} lines: those of classes in the failing class's package
     * or outside Engram and the JDK (a library the code uses). Frames of Engram or the JDK before a
     * user frame (a helper that calls the user's code back, a rule's base class, or one that threw)
     * are one line saying how many were left out; those after the last are left out unsaid.
     */
    static List<String> userFrames(Throwable t, String usersPackage) {
        List<String> lines = new ArrayList<>();
        int skipped = 0;
        for (StackTraceElement frame : t.getStackTrace()) {
            String c = frame.getClassName();
            if (c.startsWith(ENGINE)) {
                break;   // the engine's call of the user's code: the rest is the engine's and the command's
            }
            boolean users = c.startsWith(usersPackage + ".") && c.indexOf('.', usersPackage.length() + 1) < 0
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
