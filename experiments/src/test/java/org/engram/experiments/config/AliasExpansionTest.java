package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/** Aliases and merge keys expanded as YAML 1.1 defines them, within the limits the README states. */
class AliasExpansionTest {
    private static AliasExpansion of(String text) {
        return new AliasExpansion(new ParserImpl(new StreamReader(text), new LoaderOptions()));
    }

    /** Reads every event; returns how many there were. */
    private static long drain(AliasExpansion events) {
        long n = 0;
        for (Event e = events.getEvent(); !(e instanceof StreamEndEvent); e = events.getEvent()) {
            n++;
        }
        return n;
    }

    /** As a snakeyaml parser does: checkEvent agrees with peekEvent, and past the stream's end there is nothing. */
    @Test
    void eventsEndWithTheStream() {
        AliasExpansion events = of("a: &x 1\nb: *x\n");
        assertTrue(events.checkEvent(Event.ID.StreamStart));
        assertFalse(events.checkEvent(Event.ID.Scalar));
        // StreamStart, DocumentStart, MappingStart, a, 1, b, 1 (the alias), MappingEnd, DocumentEnd.
        assertEquals(9, drain(events));
        assertNull(events.peekEvent());
        assertFalse(events.checkEvent(Event.ID.StreamEnd));
    }

    /** The depth limit counts lists open around a value, not lists side by side: 1,001 empty lists in one list. */
    @Test
    void manyListsSideBySideAreNotNesting() {
        String text = "a: &x 1\nb: [" + "[], ".repeat(1001) + "*x]\n";
        // StreamStart, DocumentStart, MappingStart, a, 1, b, the alias, MappingEnd, DocumentEnd: 9 events;
        // 2 for the outer list and 2 for each inner one.
        assertEquals(9 + 2 + 2 * 1001, drain(of(text)));
    }

    /**
     * Aliases may repeat 10,000,000 events in all and no more: a list of 9,998 zeros is 10,000 events with its
     * start and end, and 1,000 aliases of it repeat 10,000,000; one alias more of a scalar passes the limit.
     */
    @Test
    void aliasesRepeatAtMostTenMillionEvents() {
        String anchor = "s: &s 0\na: &a [" + "0, ".repeat(9_997) + "0]\n";
        String atTheLimit = anchor + "b: [" + "*a, ".repeat(999) + "*a]\n";
        drain(of(atTheLimit));
        String past = anchor + "b: [" + "*a, ".repeat(1000) + "*s]\n";
        AliasExpansion.Problem p = assertThrows(AliasExpansion.Problem.class, () -> drain(of(past)));
        assertEquals("aliases that repeat at most 10,000,000 keys and values in all", p.expected);
        assertEquals("more by the alias *s", p.found);
    }

    /** A merge key tagged !!merge merges; a quoted << is a key of that name like any other. */
    @Test
    void aTaggedMergeKeyMergesAndAQuotedOneIsAKey() throws JsonProcessingException {
        assertEquals("{\"x\":1,\"y\":2}", ConfigLoader.mapper().readTree(
                "a: &a {x: 1, y: 3}\nb: {!!merge <<: *a, y: 2}\n").get("b").toString());
        assertEquals("{\"<<\":{\"x\":1}}", ConfigLoader.mapper().readTree(
                "a: &a {x: 1}\nb: {'<<': *a}\n").get("b").toString());
    }

    /** A merge key's list holding anything but mappings is refused, naming what it holds. */
    @Test
    void aMergeOfAListOrTextInAListIsRefusedNamingIt() {
        AliasExpansion.Problem list = assertThrows(AliasExpansion.Problem.class,
                () -> drain(of("a: &a {x: 1}\nb: {<<: [*a, [1]]}\n")));
        assertEquals("a mapping, or a list of mappings, after the merge key <<", list.expected);
        assertEquals("a list", list.found);
        assertEquals("'1'", assertThrows(AliasExpansion.Problem.class,
                () -> drain(of("a: &a {x: 1}\nb: {<<: [*a, 1]}\n"))).found);
    }
}
