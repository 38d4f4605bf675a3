package org.engram.experiments.cli;

import org.engram.simulator.engine.Mode;

/** Reads {@code grid} or {@code precise}, case-insensitively. */
final class ModeConverter extends EnumWordConverter<Mode> {
    ModeConverter() {
        super(Mode.class, "grid or precise");
    }
}
