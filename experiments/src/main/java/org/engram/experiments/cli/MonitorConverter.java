package org.engram.experiments.cli;

import org.engram.experiments.bench.BenchRecording;

/** Reads what {@code engram bench --record} records: {@code spikes}, {@code rate} or {@code state}, in any case. */
final class MonitorConverter extends EnumWordConverter<BenchRecording.Monitor> {
    private static final String WORDS = "spikes, rate or state";

    MonitorConverter() {
        super(BenchRecording.Monitor.class, WORDS);
    }

    /** Refuses an empty item and a trailing comma, as the other list options do, before the word itself. */
    @Override
    public BenchRecording.Monitor convert(String value) {
        ListItems.requirePresent(value, WORDS);
        return super.convert(value);
    }
}
