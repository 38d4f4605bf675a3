package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulator's spike trains, pinned to the bit: the {@code spike_hash} of {@code engram bench}'s
 * reference networks, in grid and precise mode, and the spike hash of every shipped {@code engram
 * simulate} config (but the full-size brunel.yaml) over its first 200 ms, as Engram computed them at
 * commit 32833d84. Between them
 * they run every built-in neuron model the configs use (LIF with delta, exponential and conductance
 * synapses, AdEx, Hodgkin-Huxley, spike and Poisson sources), precise mode's exact propagators and
 * crossing search, short-term plasticity, and pair STDP and Vogels and Sprekeler's inhibitory rule.
 * The tests of the engine compare it with analytic answers and Brian2 within tolerances; these catch
 * a change of any bit of any spike time, which an optimisation must not make (one that changes
 * results on purpose updates the values here and says so). Each bench network runs on two threads:
 * the hash is that of one thread, by the engine's determinism.
 */
class PinnedSpikeTrainsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUMMARY_HASH = Pattern.compile("- spike hash ([0-9a-f]{64})\n");

    @ParameterizedTest(name = "bench {0}")
    @CsvSource(delimiter = '|', value = {
        "cuba --neurons 1000 --duration-ms 300|1804|f4497137beff8b4dcecdcebe296db9d8577c0e18c11b5330d2082ea677bf0375",
        "cuba --neurons 1000 --duration-ms 300 --mode precise|1767"
                + "|6bbaa5d760832cc5aba6d649c70cb10134e0d4fa26511a92a731f5dfb652fd99",
        "coba --neurons 1000 --duration-ms 200|3664|12cb339762c1ec044311bc302805c63a0490471c2abc66f53c38b2ac7d328738",
        "brunel --neurons 1250 --duration-ms 200|20530"
                + "|0f8ca7e6a8406994ce953e2fea5cb08d3f7ff8b21509e58edba8a8f4b03e6049",
        "brunel --neurons 1250 --duration-ms 100 --mode precise|9876"
                + "|a45b932c57a90a1632c95907e50ad474168c14a30b398e06f689f92040c39c0b"})
    void benchNetworksSpikeAsPinned(String workload, long spikes, String hash) throws IOException {
        List<String> args = new ArrayList<>(List.of("bench"));
        args.addAll(List.of(workload.split(" ")));
        args.addAll(List.of("--threads", "2", "--json"));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = JSON.readTree(r.lastLine());
        assertEquals(spikes, j.get("spikes").asLong(), workload);
        assertEquals(hash, j.get("spike_hash").asText(), workload);
    }

    @ParameterizedTest(name = "simulate {0}")
    @CsvSource({
        "adex-firing-patterns, 5dde149fb408ac6b1e701c1a272fe636a77dd978500d8ef15499207611d4baa4",
        "brunel-small, 4e7e61fa9621f504463510d0543e24616576c79dbe5b7f65d40627e7bec33b3d",
        "coba, 50a17212c833d752c24e07114015add8ce8d5fb9d34e0bd19aeeb08cc212412c",
        "cuba, 6802004fa7680718727c1d357f64d44baacb728ecf7e1f323c647001bd2f7d2d",
        "hh-fi-curve, b816cbdb762d648d5a185dd319f5c90e1eab600d3dc51d62e37229e095cf5798",
        "inhibitory-plasticity, 2b7ea81d4eb5fd6b66216c81ee902ef1d0314fc7c123e890f1e688403a21d35d",
        "short-term-plasticity, e44677785d9638919f4ebabe2a65b6265c0cc2392c93cdde55ae96c4e4dc3665",
        "stdp-weights, 4f640b3db8625f4ed0ba8ebd6b01200490fd0037a182132b4289ba4aa1de9680"})
    void shippedSimulationsSpikeAsPinned(String config, String hash, @TempDir Path dir) throws IOException {
        CliRunner.Result r = CliRunner.run("simulate", "configs/" + config + ".yaml", "--duration-ms", "200",
                "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        String summary = Files.readString(Path.of(r.lastLine()).resolve("summary.md"));
        Matcher m = SUMMARY_HASH.matcher(summary);
        assertTrue(m.find(), summary);
        assertEquals(hash, m.group(1), config);
    }
}
