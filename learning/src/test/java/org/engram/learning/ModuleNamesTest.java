package org.engram.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.util.jar.Manifest;
import org.engram.learning.plasticity.PlasticityRule;
import org.engram.simulator.engine.Engine;
import org.junit.jupiter.api.Test;

/**
 * The library jars name their modules for the module path (README, "Using the simulator as a
 * library"): without {@code Automatic-Module-Name} the name is derived from the jar file's name, which
 * a renamed or shaded jar changes, and Maven warns users who require it. Read from the manifest next to
 * each module's classes, a directory in a build or the jar itself.
 */
class ModuleNamesTest {

    @Test
    void simulatorAndLearningNameTheirAutomaticModules() throws IOException {
        assertEquals("engram.simulator", automaticModuleName(Engine.class));
        assertEquals("engram.learning", automaticModuleName(PlasticityRule.class));
    }

    /** The module name in the manifest of the classes a class came with, checked as the module system would. */
    private static String automaticModuleName(Class<?> type) throws IOException {
        String location = type.getProtectionDomain().getCodeSource().getLocation().toString();
        URL manifest = new URL(location.endsWith("/") ? location + "META-INF/MANIFEST.MF"
                : "jar:" + location + "!/META-INF/MANIFEST.MF");
        try (InputStream in = manifest.openStream()) {
            String name = new Manifest(in).getMainAttributes().getValue("Automatic-Module-Name");
            // Refuses a name the module system would refuse (a Java keyword, a dash).
            return ModuleDescriptor.newAutomaticModule(name).build().name();
        }
    }
}
