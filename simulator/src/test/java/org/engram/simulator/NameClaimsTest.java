package org.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one policy for names claimed twice, checked against hand-worked cases: a built-in keeps its
 * name whatever claims it later; a name several user classes claim is used by none, in any order;
 * every other name is used by its one claimant, in claim order.
 */
class NameClaimsTest {

    private static NameClaims<String> claims(List<String[]> userClaims) {
        NameClaims<String> c = new NameClaims<>("thing");
        c.builtIn("alpha", "b.Alpha", "built-in alpha");
        c.builtIn("beta", "b.Beta", null);
        for (String[] claim : userClaims) {
            c.user(claim[0], claim[1], claim[1]);
        }
        return c;
    }

    @Test
    void aBuiltInKeepsItsNameAndEachUserClassReusingItIsToldOf() {
        NameClaims<String> c = claims(List.of(new String[] {"alpha", "u.A1"}, new String[] {"beta", "u.B1"},
                new String[] {"alpha", "u.A2"}, new String[] {"gamma", "u.G"}));
        assertEquals(Map.of("alpha", "built-in alpha", "gamma", "u.G"), c.usable());
        assertEquals(List.of("alpha", "gamma"), List.copyOf(c.usable().keySet()), "built-ins first");
        String a1 = "the user thing u.A1 reuses the name 'alpha' of the built-in b.Alpha and is left out (the built-in"
                + " keeps its name): rename it";
        assertEquals(List.of(a1, a1.replace("u.A1", "u.A2")), c.leftOutUnder("alpha"));
        assertEquals(List.of(), c.leftOutUnder("gamma"));
        assertEquals(List.of(a1, a1.replace("u.A1", "u.A2"), "the user thing u.B1 reuses the name 'beta' of the"
                + " built-in b.Beta and is left out (the built-in keeps its name): rename it"), c.problems());
        assertNull(c.sharedBy("alpha"), "a built-in's name is not shared: the built-in has it");
    }

    @Test
    void aNameSeveralUserClassesClaimIsUsedByNone() {
        NameClaims<String> c = claims(List.of(new String[] {"dup", "u.D1"}, new String[] {"solo", "u.S"},
                new String[] {"dup", "u.D2"}, new String[] {"trio", "u.T1"}, new String[] {"trio", "u.T2"},
                new String[] {"trio", "u.T3"}));
        assertEquals(List.of("alpha", "solo"), List.copyOf(c.usable().keySet()));
        String dup = "the user things u.D1 and u.D2 are both named 'dup', so none is used: give each a name of its"
                + " own, or keep one of them on the class path";
        String trio = "the user things u.T1, u.T2 and u.T3 are all named 'trio', so none is used: give each a name"
                + " of its own, or keep one of them on the class path";
        assertEquals(dup, c.sharedBy("dup"));
        assertEquals(trio, c.sharedBy("trio"));
        assertNull(c.sharedBy("solo"));
        assertEquals(List.of(dup, trio), c.problems());
        c.unusable("u.Broken: no name");
        assertEquals(List.of("u.Broken: no name"), c.unusable());
        assertEquals(List.of("u.Broken: no name", dup, trio), c.problems(), "the unusable first");
    }

    /** A kind that ends in y is told in the plural with ies. */
    @Test
    void theKindIsToldInItsPlural() {
        NameClaims<String> c = new NameClaims<>("strategy");
        c.user("dup", "u.D1", "u.D1");
        c.user("dup", "u.D2", "u.D2");
        assertEquals("the user strategies u.D1 and u.D2 are both named 'dup', so none is used: give each a name of"
                + " its own, or keep one of them on the class path", c.sharedBy("dup"));
    }
}
