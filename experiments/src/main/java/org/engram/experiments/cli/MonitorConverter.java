package org.engram.experiments.cli;

import org.engram.experiments.bench.BenchRecording;

/** Reads what {@code engram bench --record} records: {@code spikes}, {@code rate} or {@code state}, in any case. */
final class MonitorConverter extends EnumWordConverter<BenchRecording.Monitor> {
    MonitorConverter() {
        super(BenchRecording.Monitor.class, "spikes, rate or state");
    }
}
