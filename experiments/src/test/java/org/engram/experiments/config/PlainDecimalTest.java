package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * {@link NumberForms#plainDecimal}, the scan that lets the parser skip YAML's regular expressions for
 * the plainest numbers, against those expressions themselves and against the parser's tagged path.
 */
class PlainDecimalTest {
    private static final String ALPHABET = "-+0159.eE_x:";

    /** Every text of up to 5 characters of those numbers are made of, and some they are not. */
    private static List<String> texts() {
        List<String> texts = new ArrayList<>(List.of(""));
        List<String> last = List.of("");
        for (int length = 1; length <= 5; length++) {
            List<String> longer = new ArrayList<>();
            for (String t : last) {
                for (char c : ALPHABET.toCharArray()) {
                    longer.add(t + c);
                }
            }
            texts.addAll(longer);
            last = longer;
        }
        return texts;
    }

    /** Without underscores, the scan says integer or fraction exactly where YAML 1.1 and Engram's decimal rule do. */
    @Test
    void theScanTypesAsYamlAndTheDecimalRuleDo() {
        Resolver yaml = new Resolver();
        int integers = 0;
        int fractions = 0;
        for (String text : texts()) {
            Tag type = yaml.resolve(NodeId.scalar, text, true);
            boolean decimal = NumberForms.readAsNumber(text);
            NumberForms.Plain expected = !decimal || text.contains("_") ? NumberForms.Plain.OTHER
                    : type.equals(Tag.INT) ? NumberForms.Plain.INTEGER
                    : type.equals(Tag.FLOAT) ? NumberForms.Plain.FRACTION : NumberForms.Plain.OTHER;
            assertEquals(expected, NumberForms.plainDecimal(text), text);
            integers += expected == NumberForms.Plain.INTEGER ? 1 : 0;
            fractions += expected == NumberForms.Plain.FRACTION ? 1 : 0;
        }
        assertTrue(integers > 100 && fractions > 1000, integers + " integers, " + fractions + " fractions");
    }

    /** The scan's path gives the node that the parser's path for a number tagged !!int or !!float gives. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "+7", "42", "2147483647", "2147483648", "-9223372036854775809",
        "123456789012345678901234567890", "0.5", ".5", "-.5", "5.", "1e3", "1E-3", "+1.5e+300", "1e400", "-0.0",
        "0.1000000000000000055511151231257827"})
    void aPlainNumberReadsAsTheSameNumberTagged(String number) throws Exception {
        NumberForms.Plain form = NumberForms.plainDecimal(number);
        String tag = form == NumberForms.Plain.INTEGER ? "!!int " : "!!float ";
        JsonNode plain = ConfigLoader.mapper().readTree("v: " + number).get("v");
        JsonNode tagged = ConfigLoader.mapper().readTree("v: " + tag + number).get("v");
        assertEquals(tagged, plain, number);
        assertEquals(tagged.getNodeType(), plain.getNodeType(), number);
        assertEquals(tagged.numberType(), plain.numberType(), number);
    }
}
