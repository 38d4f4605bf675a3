package org.engram.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.engram.simulator.network.Population;
import org.junit.jupiter.api.Test;

/** State samples written as CSV read back bit for bit. */
class StateSamplerCsvTest {
    @Test
    void valuesReadBackExactly() throws IOException {
        Population<?, ?> p = new NetworkBuilder(0.1).population("p", 3, LifDelta.MODEL, LifDelta.MODEL.defaults());
        double[] v = p.state().values("v");
        StateSampler r = new StateSampler(p, "v", new int[] {0, 2}, 1, 0.1);
        r.reserve(2);
        double[][] written = {{-62.13061319425267, 1e-300}, {Math.PI * 1e6, -0.1 - 0.2}};
        for (int s = 0; s < 2; s++) {
            v[0] = written[s][0];
            v[2] = written[s][1];
            r.sample(s, 0, 3);
        }
        r.complete(2);
        StringWriter out = new StringWriter();
        r.writeCsv(out);
        List<String> lines = out.toString().lines().toList();
        assertEquals("time_ms,neuron,v", lines.get(0));
        for (int s = 0; s < 2; s++) {
            for (int k = 0; k < 2; k++) {
                String[] cells = lines.get(1 + 2 * s + k).split(",");
                assertEquals(written[s][k], Double.parseDouble(cells[2]), 0.0, lines.get(1 + 2 * s + k));
            }
        }
    }
}
