package org.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Loading code of one's own: what fails is told, what loads is kept, and names and records a config can write. */
class PlugInsTest {
    /** A service whose providers the test resources list: a missing class, one that throws, one that works. */
    public interface Service {
    }

    /** Made by the loader. */
    public static final class Works implements Service {
    }

    /** Its constructor fails. */
    public static final class Throws implements Service {
        /** Fails. */
        public Throws() {
            throw new IllegalStateException("boom");
        }
    }

    @Test
    void aProviderThatFailsLeavesTheOthersLoaded() {
        PlugIns<Service> found = PlugIns.load(Service.class, PlugIns::why);
        assertEquals(1, found.loaded().size(), found.toString());
        assertInstanceOf(Works.class, found.loaded().get(0));
        assertEquals(2, found.failures().size(), found.failures().toString());
        assertTrue(found.failures().get(0).contains("PlugInsTest$Missing"), found.failures().get(0));
        String thrown = found.failures().get(1);
        assertTrue(thrown.contains("PlugInsTest$Throws") && thrown.endsWith(": java.lang.IllegalStateException: boom"),
                thrown);
    }

    /** Each kind of loading failure is told as what to do about it; others keep the loader's words and the cause. */
    @Test
    void whyNamesWhatToDo() {
        assertEquals("it was compiled for a newer Java than this one (class file version 65.0)",
                PlugIns.why(new UnsupportedClassVersionError("class file version 65.0")));
        assertEquals("it was compiled against another version of Engram (java.lang.AbstractMethodError: m);"
                + " compile it again", PlugIns.why(new ServiceConfigurationError("S: Provider P could not be"
                + " instantiated", new AbstractMethodError("m"))));
        assertEquals("a class it needs is not on the class path (com/x/Y; the launcher adds ENGRAM_CLASSPATH)",
                PlugIns.why(new NoClassDefFoundError("com/x/Y")));
        assertEquals("S: Provider P could not be instantiated: java.lang.IllegalStateException: boom",
                PlugIns.why(new ServiceConfigurationError("S: Provider P could not be instantiated",
                        new IllegalStateException("boom"))));
        assertEquals("java.util.ServiceConfigurationError: S: Provider P not found",
                PlugIns.why(new ServiceConfigurationError("S: Provider P not found")));
    }

    @Test
    void theHintAddsTheProvidersLeftOutToTheClosestName() {
        assertEquals("did you mean 'a'?", PlugIns.hintWithLeftOut("did you mean 'a'?", "user models", List.of()));
        assertEquals(null, PlugIns.hintWithLeftOut(null, "user models", List.of()));
        assertEquals("did you mean 'a'?; some user models could not be loaded: x; y",
                PlugIns.hintWithLeftOut("did you mean 'a'?", "user models", List.of("x", "y")));
        assertEquals("some user models could not be loaded: x", PlugIns.hintWithLeftOut(null, "user models",
                List.of("x")));
    }

    /** This module's classes come from one place; the JDK's and the tests' from others. */
    @Test
    void classesOfOneBuildAreLoadedAlongside() {
        assertTrue(PlugIns.loadedAlongside(Suggestions.class, PlugIns.class));
        assertFalse(PlugIns.loadedAlongside(String.class, PlugIns.class));
        assertFalse(PlugIns.loadedAlongside(PlugInsTest.class, PlugIns.class));
        assertFalse(PlugIns.loadedAlongside(PlugIns.class, String.class), "the JDK's loader does not say where");
    }

    @Test
    void onlySnakeCaseNamesAreTaken() {
        assertDoesNotThrow(() -> PlugIns.requireSnakeCaseName("p.P", "name()", "lif_2x", null));
        for (String bad : new String[] {null, "", "Lif", "2lif", "lif-x", "_lif"}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> PlugIns.requireSnakeCaseName("p.P", "name()", bad, "at most 20 characters"));
            assertEquals("p.P: name(): expected a snake_case name (a-z, 0-9, _; at most 20 characters), found "
                    + bad, e.getMessage());
        }
        assertEquals("a snake_case name (a-z, 0-9, _)", assertThrows(ParameterException.class,
                () -> PlugIns.requireSnakeCaseName("p.P", "name()", "X", null)).expected());
    }

    enum Mode { A }

    record Inner(float x, List<Mode> modes) {
    }

    record Writable(int a, Double b, String c, boolean[] d, List<String> e, Set<Long> f, Map<String, Inner> g,
                    Mode h, Inner i, List<String>[] j, Character k, Short l, Byte m, Float n, Integer o,
                    Boolean p, java.util.Collection<Integer> q, java.util.ArrayList<Long> r) {
    }

    record WithDuration(int a, Duration timeout) {
    }

    record Nested(Inner ok, WithDuration inner) {
    }

    record IntKeys(Map<Integer, String> byNumber) {
    }

    record Optional1(Optional<String> maybe) {
    }

    record ListOfDurations(List<Duration>[] lists) {
    }

    record ArrayOfDurations(Duration[][] times) {
    }

    record Raw(List<?> anything) {
    }

    /** Numbers, true/false, text, enums, and lists, arrays, maps by text and records of these are writable. */
    @Test
    void recordsOfWhatAConfigWritesAreTaken() {
        assertDoesNotThrow(() -> PlugIns.requireWritable("p.P", "info()", Writable.class));
    }

    /** The first component a config cannot write is named with its path and the part of its type at fault. */
    @Test
    void aComponentAConfigCannotWriteIsNamed() {
        assertRefused(WithDuration.class, "WithDuration.timeout", "java.time.Duration");
        assertRefused(Nested.class, "Nested.inner.timeout", "java.time.Duration");
        assertRefused(IntKeys.class, "IntKeys.byNumber", "java.util.Map<java.lang.Integer, java.lang.String>");
        assertRefused(Optional1.class, "Optional1.maybe", "java.util.Optional<java.lang.String>");
        assertRefused(ListOfDurations.class, "ListOfDurations.lists", "java.time.Duration");
        assertRefused(ArrayOfDurations.class, "ArrayOfDurations.times", "java.time.Duration");
        assertRefused(Raw.class, "Raw.anything", "?");
    }

    private static void assertRefused(Class<?> record, String path, String type) {
        ParameterException e = assertThrows(ParameterException.class,
                () -> PlugIns.requireWritable("p.P", "info()", record));
        assertEquals("info(): " + path, e.location());
        assertEquals(type, e.found());
        assertEquals("p.P", e.source());
    }
}
