package org.engram.experiments.cli;

import java.util.function.UnaryOperator;
import org.engram.experiments.plot.Figure;
import org.engram.simulator.ParameterException;

/** The layout {@code --width-in} asks of the figures a command draws. */
final class FigureLayout {
    private FigureLayout() {
    }

    /**
     * @param widthInches the printed width, or null for figures laid out for a screen
     * @return what each figure becomes before it is written
     * @throws ParameterException unless the width is in (0, 100) inches
     */
    static UnaryOperator<Figure> of(Double widthInches) {
        if (widthInches == null) {
            return UnaryOperator.identity();
        }
        if (!(widthInches > 0 && widthInches < 100)) {
            throw new ParameterException("figures", "--width-in", "a printed width in inches in (0, 100), e.g. 3.3 "
                    + "for a paper's column", widthInches);
        }
        return f -> f.printedAt(widthInches);
    }
}
