package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Errors of reading a run config's YAML into its records, word for word: the line and column, the key path down
 * to a list's item, and the advice on a list written as text only where brackets alone are missing.
 */
class YamlErrorsPlacesTest {
    /** The message of refusing a run config c.yaml of the given text. */
    private static String refused(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLayers.resolve(yaml, "c.yaml", List.of(),
                ConfigLayers.Flags.NONE)).getMessage();
    }

    /**
     * A key given twice on line 1 is placed there, as on any other line: at the second one ("{name: x, " is 10
     * characters, so column 11).
     */
    @Test
    void aKeyGivenTwiceOnLineOneIsPlacedThere() {
        assertEquals("c.yaml:1:11: name: expected each key once in a mapping, found it a second time",
                refused("{name: x, name: y}\n"));
    }

    /** The first item of a list is item 0: its index is kept in the key path, as that of a later item is. */
    @Test
    void anItemOfAListIsNamedByItsIndexFromZero() {
        String head = "name: x\nstrategies: [{name: naive}]\n";
        // "seeds: [" is 8 characters: the first item starts at column 9, the second (after "1, ") at 12.
        assertEquals("c.yaml:3:9: seeds[0]: expected a value of type integer, found the text \"x\"",
                refused(head + "seeds: [x]\n"));
        assertEquals("c.yaml:3:12: seeds[1]: expected a value of type integer, found the text \"x\"",
                refused(head + "seeds: [1, x]\n"));
    }

    /**
     * A list written as text is told to take brackets only where it lacks them alone: items between commas and no
     * bracket. Text with its brackets, a single word, or items between commas where one integer is meant gets no
     * such advice.
     */
    @Test
    void aListWrittenAsTextIsToldItsBracketsOnlyWhereItLacksThem() {
        String head = "name: x\nstrategies: [{name: naive}]\n";
        assertEquals("c.yaml:3:1: seeds: expected a list, found the text \"1, 2\"; write seeds: [1, 2]",
                refused(head + "seeds: \"1, 2\"\n"));
        assertEquals("c.yaml:3:1: seeds: expected a list, found the text \"[1, 2]\"",
                refused(head + "seeds: \"[1, 2]\"\n"));
        assertEquals("c.yaml:3:1: seeds: expected a list, found the text \"one\"", refused(head + "seeds: one\n"));
        assertEquals("c.yaml:3:1: threads: expected a value of type integer, found the text \"1, 2\"",
                refused(head + "threads: \"1, 2\"\n"));
    }

    /**
     * A refused tag is placed where the tagged value starts, at the tag, as an editor shows it: it was placed just
     * past the value ("  epochs: " is 10 characters, so column 11; "seeds: " and "name: " 7 and 6).
     */
    @Test
    void aRefusedTagIsPlacedWhereTheTaggedValueStarts() {
        String head = "name: x\nstrategies: [{name: naive}]\n";
        assertEquals("c.yaml:4:11: training.epochs: expected a value without a tag of its own (YAML's standard tags,"
                + " such as !!str, are read), found the tag !custom on 4; write the value without the tag",
                refused(head + "training:\n  epochs: !custom 4\n"));
        assertEquals("c.yaml:3:8: seeds: expected a value without the tag !!set (no key of a config holds a set; a"
                + " key of several values takes a list, e.g. [1, 2]), found a set (!!set); write the value without the"
                + " tag, the members as a list where the key takes several", refused(head + "seeds: !!set {1, 2}\n"));
        assertEquals("c.yaml:1:7: name: expected a value without the tag !!binary (no key of a config holds bytes),"
                + " found the tag !!binary on eA==; write the value without the tag",
                refused("name: !!binary eA==\nstrategies: [{name: naive}]\n"));
        assertEquals("c.yaml:3:11: training: expected a mapping without a tag of its own (YAML's standard tags are"
                + " read), found the tag !custom on a mapping; write the mapping without the tag",
                refused(head + "training: !custom\n  epochs: 2\n"));
    }

    /**
     * A set given to a key of one value is not told to be written as a list: "training.epochs: expected a list,
     * e.g. [1, 2]" sent a number's key looking for a list.
     */
    @Test
    void aSetWhereANumberGoesIsNotToldToBeAList() {
        String message = refused("name: x\nstrategies: [{name: naive}]\ntraining:\n  epochs: !!set {2}\n");
        assertTrue(message.startsWith("c.yaml:4:11: training.epochs: expected a value without the tag !!set"),
                message);
        assertFalse(message.contains("expected a list"), message);
    }
}
