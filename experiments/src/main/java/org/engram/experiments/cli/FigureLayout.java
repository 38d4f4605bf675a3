package org.engram.experiments.cli;

import java.util.function.UnaryOperator;
import org.engram.experiments.plot.Figure;

/** The layout {@code --width-in} asks of the figures a command draws. */
final class FigureLayout {
    private FigureLayout() {
    }

    /**
     * @param command     the command, for messages, e.g. {@code engram plot}
     * @param widthInches the printed width, or null for figures laid out for a screen
     * @return what each figure becomes before it is written
     * @throws org.engram.simulator.ParameterException unless the width is in [2, 100) inches and its PNG fits the
     *         heap
     */
    static UnaryOperator<Figure> of(String command, Double widthInches) {
        if (widthInches == null) {
            return UnaryOperator.identity();
        }
        // Refused before any figure is drawn, not at the first.
        Figure.requirePrintWidth(command, "--width-in", widthInches);
        Figure.requirePngFits(command, "--width-in", widthInches, Runtime.getRuntime().maxMemory());
        return f -> f.printedAt(widthInches);
    }
}
