package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.engram.experiments.config.usermodel.HiddenParams;
import org.junit.jupiter.api.Test;

/**
 * A record becomes the mapping it is read from: its components under their snake_case keys, and
 * nothing else. Jackson's own conversion added the methods named like getters, so the defaults of
 * a model of one's own with such a method were refused, in a config that never wrote them, as
 * unknown keys.
 */
class RecordTreeTest {

    /** Parameters as a user's model might write them, with derived values. */
    record Params(double tauM, double cM, int[] sizes) {
        public double getResistance() {
            return tauM / cM;
        }

        public boolean isFast() {
            return tauM < 5;
        }
    }

    @Test
    void aRecordsTreeHoldsItsComponentsAlone() {
        Params p = new Params(20, 250, new int[] {1, 2});
        ObjectNode tree = ConfigLoader.componentsOf(p);
        assertEquals(List.of("tau_m", "c_m", "sizes"), keys(tree));
        assertEquals(20.0, tree.get("tau_m").asDouble());
        assertEquals(2, tree.get("sizes").get(1).asInt());
        // And it reads back as the record.
        Params back = ConfigLoader.mapper().convertValue(tree, Params.class);
        assertEquals(p.tauM(), back.tauM());
        assertEquals(p.cM(), back.cM());
    }

    /** A record that is not public, of a package other than the reader's, is read all the same. */
    @Test
    void aRecordHiddenInAnotherPackageIsRead() {
        ObjectNode tree = ConfigLoader.componentsOf(HiddenParams.defaults());
        assertEquals(List.of("tau_m", "v_th"), keys(tree));
        assertEquals(20.0, tree.get("tau_m").asDouble());
        assertEquals(-50.0, tree.get("v_th").asDouble());
    }

    private static List<String> keys(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
