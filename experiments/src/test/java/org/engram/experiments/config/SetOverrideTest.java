package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A {@code --set} override writes into the config's tree where its key path says, or names what stands in the way. */
class SetOverrideTest {
    private static final String TREE = "{name: '', training: {epochs: 4}, seeds: [7], record: {spikes: [exc]},"
            + " strategies: [{name: naive}, {name: ewc, label: ewc-1000}, {name: si}]}";

    private static ObjectNode tree() throws JsonProcessingException {
        return (ObjectNode) ConfigLoader.mapper().readTree(TREE);
    }

    private static ConfigException refused(String override) {
        return assertThrows(ConfigException.class, () -> SetOverride.parse(override).applyTo(tree()), override);
    }

    @Test
    void aKeyBelowAValueThatIsNoMappingNamesWhatIsThere() {
        ConfigException number = refused("training.epochs.x=1");
        assertEquals("--set training.epochs.x=1: training.epochs: expected a mapping with key 'x', found the value 4",
                number.getMessage());
        ConfigException list = refused("seeds.x=1");
        assertEquals("seeds", list.location());
        assertEquals("a list", list.found());
        assertNull(list.hint());
        // A list of names alone: the entry is text, and the hint says how to set it.
        ConfigException name = refused("record.spikes[0].x=1");
        assertEquals("record.spikes[0]", name.location());
        assertEquals("the value \"exc\"", name.found());
        assertTrue(name.hint().startsWith("an entry written as a name alone has no keys to set"), name.hint());
    }

    @Test
    void anIndexIntoAValueThatIsNoListNamesWhatIsThere() {
        ConfigException mapping = refused("training[0]=1");
        assertEquals("--set training[0]=1: training: expected a list, found a mapping", mapping.getMessage());
        assertEquals("an empty text", refused("name[0]=1").found());
    }

    /** Named by its name alone, the one entry that has it is set, at its index, and no entry is added. */
    @Test
    void anEntryNamedByItsNameIsSetAtItsIndex() throws JsonProcessingException {
        ObjectNode tree = tree();
        // naive is strategies[0], ewc (labelled ewc-1000) strategies[1], si strategies[2].
        assertEquals("strategies[1].params.lambda", SetOverride.parse("strategies[ewc].params.lambda=3").applyTo(tree));
        assertEquals(3, tree.get("strategies").size());
        assertEquals(3, tree.at("/strategies/1/params/lambda").asInt());
        assertEquals("strategies[2]", SetOverride.parse("strategies[si]={name: si, label: s}").applyTo(tree));
        assertEquals("s", tree.at("/strategies/2/label").asText());
    }

    /**
     * A simulation's projection without a name is named {@code source->target}, as the resolved config
     * writes it out: that name sets it too (it was refused as the name of no entry).
     */
    @Test
    void aProjectionIsNamedByItsDefaultName() throws JsonProcessingException {
        ObjectNode tree = (ObjectNode) ConfigLoader.mapper().readTree("{projections: [{source: e, target: i,"
                + " weight: 1}, {name: ee, source: e, target: e, weight: 1}]}");
        assertEquals("projections[0].weight", SetOverride.parse("projections[e->i].weight=0.7").applyTo(tree));
        assertEquals(0.7, tree.at("/projections/0/weight").asDouble());
        assertEquals("--set projections[e->e].weight=1: projections[e->e]: expected the index or the name of an"
                + " entry of projections (projections[0]"
                + " (e->i), projections[1] (ee)), found 'e->e'; to add an entry, write its index, projections[2], with"
                + " all its required keys", assertThrows(ConfigException.class,
                () -> SetOverride.parse("projections[e->e].weight=1").applyTo(tree)).getMessage());
    }

    /** A missing key before an index makes a list there, so that the index appends to it. */
    @Test
    void aMissingKeyBeforeAnIndexBecomesAList() throws JsonProcessingException {
        ObjectNode tree = tree();
        assertEquals("extra[0].a[0]", SetOverride.parse("extra[0].a[0]=5").applyTo(tree));
        assertEquals("[{\"a\":[5]}]", tree.get("extra").toString());
    }

    /** The advice for a number made text names what the override wrote: the tag or the quotes. */
    @Test
    void aNumberMadeTextIsToldToDropTheTagOrTheQuotesAsTheOverrideWroteIt() {
        String plain = "name: x\nstrategies: [{name: naive}]\n";
        String yaml = "name: x\ntraining: {epochs: !!str 4}\nstrategies: [{name: naive}]\n";
        ConfigException tagged = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                plain, "x.yaml", List.of("training.epochs=!!str 2"), ConfigLayers.Flags.NONE));
        assertEquals("--set training.epochs=!!str 2: training.epochs: expected a value of type integer, found the"
                + " text \"2\"; a number tagged !!str is text: write 2 without the tag", tagged.getMessage());
        // The file tags its value, the override quotes its own: the override's form is the one told.
        ConfigException quoted = assertThrows(ConfigException.class, () -> ConfigLayers.resolve(
                yaml, "x.yaml", List.of("training={epochs: '2'}"), ConfigLayers.Flags.NONE));
        assertEquals("a number in quotes is text: write 2 without quotes", quoted.hint());
    }

    /** A control character in an override's value is named as in a file, the override shown with it escaped. */
    @Test
    void aControlCharacterInTheValueIsNamed() {
        assertEquals("--set name=a\\x07b: name: expected printable text (YAML allows tabs and line breaks, no other"
                + " control characters), found the character U+0007; delete it, or write it in a double-quoted text as"
                + " an escape such as \\x07", assertThrows(ConfigException.class,
                () -> SetOverride.parse("name=a\u0007b")).getMessage());
    }
}
