package org.engram.experiments.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads a count of {@code progress.json} that files of older builds lack, read as 0 then, while an
 * explicit {@code null} is refused as damage, naming its key and line: Jackson reads both as 0 into a
 * {@code long}, and a null count went into the finished run's metrics as 0 (from a fuzz audit).
 */
final class CountOfOlderFiles extends StdDeserializer<Long> {
    private static final long serialVersionUID = 1L;

    CountOfOlderFiles() {
        super(long.class);
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        return ctxt.readValue(p, long.class);
    }

    /** An explicit null: refused, with the key path and line Jackson adds on the way out. */
    @Override
    public Long getNullValue(DeserializationContext ctxt) throws JsonMappingException {
        return ctxt.reportInputMismatch(this, "a count is no null");
    }

    /** A key left out, as files of builds before it: 0. */
    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
        return 0L;
    }
}
