package org.engram.simulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parameter record of a named module, as a model of one's own on the module path has: it is changed
 * by name once its module exports its package, and until then refused with the line that exports it,
 * not with the module system's refusal of reflection, which names neither the fix nor the parameters.
 * The records come from modules compiled here, each handing out a record through a service (which
 * needs no export), as a model's provider does.
 */
class ParameterRecordsModuleTest {
    @TempDir
    Path dir;

    @Test
    void aRecordOfAPackageItsModuleDoesNotExportIsRefusedWithTheExportToAdd() throws Exception {
        ParameterException e = refusal("m.closed", "", "public record R(double a) {}");
        assertEquals("p.R", e.source());
        assertEquals("package p not exported", e.found());
        assertEquals("add 'exports p;' to the module's module-info.java", e.hint());
    }

    @Test
    void aRecordThatIsNotPublicInAnExportedPackageIsRefusedWithTheOpensToAdd() throws Exception {
        ParameterException e = refusal("m.internal", "exports p;", "record R(double a) {}");
        assertEquals("a record that is not public in package p, not open", e.found());
        assertEquals("add 'opens p;' to the module's module-info.java", e.hint());
    }

    /** The line the refusal asks for, added, is all it takes: the value is read back by the record's accessor. */
    @Test
    void aPublicRecordOfAnExportedPackageIsChangedByName() throws Exception {
        Record shown = recordFrom("m.open", "exports p;", "public record R(double a) {}");
        Record changed = ParameterRecords.with(shown, Map.of("a", 2.0));
        assertEquals(2.0, changed.getClass().getMethod("a").invoke(changed));
        assertEquals(1.0, shown.getClass().getMethod("a").invoke(shown));
    }

    /** What changing the record of {@link #recordFrom}'s module by name throws. */
    private ParameterException refusal(String name, String directives, String record) throws IOException {
        Record hidden = recordFrom(name, directives, record);
        return assertThrows(ParameterException.class, () -> ParameterRecords.with(hidden, Map.of("a", 2.0)));
    }

    /**
     * Compiles module {@code name} (package {@code p}: the record {@code R} and a service that makes
     * {@code new R(1)}), with {@code directives} in its module-info, and returns the service's record.
     */
    private Record recordFrom(String name, String directives, String record) throws IOException {
        Path src = Files.createDirectories(dir.resolve(name + "-src/p"));
        Path moduleInfo = src.resolveSibling("module-info.java");
        Files.writeString(moduleInfo, "module " + name + " { " + directives
                + " provides java.util.function.Supplier with p.Make; }");
        Files.writeString(src.resolve("R.java"), "package p; " + record);
        Files.writeString(src.resolve("Make.java"), "package p; public class Make implements"
                + " java.util.function.Supplier<Record> { public Record get() { return new R(1); } }");
        Path out = dir.resolve(name);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests run on a JDK");
        assertEquals(0, javac.run(null, null, null, "-d", out.toString(), moduleInfo.toString(),
                src.resolve("R.java").toString(), src.resolve("Make.java").toString()));
        ModuleLayer boot = ModuleLayer.boot();
        Configuration cf = boot.configuration().resolve(ModuleFinder.of(out), ModuleFinder.of(), Set.of(name));
        ModuleLayer layer = boot.defineModulesWithOneLoader(cf, getClass().getClassLoader());
        return ServiceLoader.load(layer, Supplier.class).stream()
                .filter(provider -> provider.type().getModule().getLayer() == layer)
                .map(provider -> (Record) provider.get().get())
                .findFirst().orElseThrow();
    }
}
