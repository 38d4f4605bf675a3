package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;

/** {@code --name KEY=NAME} splits at its first '=' and needs a key before it. */
class NameOptionTest {
    private static final String FORM = "LABEL=NAME, e.g. --name naive=Fine-tuning";

    @Test
    void aNameSplitsAtTheFirstEqualsSignInTheOrderGiven() {
        assertEquals(List.of(Map.entry("si", "a=b"), Map.entry("naive", "Fine-tuning")), List.copyOf(
                NameOption.byKey("engram plot", List.of("si=a=b", "naive=Fine-tuning"), FORM).entrySet()));
    }

    /** '=' first leaves no key: refused as a value without one is, not taken as the empty label's name. */
    @Test
    void aValueThatStartsWithTheEqualsSignIsRefused() {
        EngramException e = assertThrows(EngramException.class,
                () -> NameOption.byKey("engram plot", List.of("=Fine-tuning"), FORM));
        assertEquals("engram plot: --name: expected " + FORM + ", found '=Fine-tuning'", e.getMessage());
    }
}
