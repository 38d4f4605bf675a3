package org.engram.experiments.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads a key of {@code progress.json} that files of older builds lack: left out, it is read as those builds
 * meant it (0 for a count, none for a list), while an explicit {@code null}, which Engram never writes for it, is
 * refused as damage, naming its key. Jackson reads both alike (a count as 0), and a null count went into the
 * finished run's metrics as 0 (from a fuzz audit). The value itself is read as the key's type is elsewhere.
 */
final class KeyOfOlderFiles extends StdDeserializer<Object> implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;

    /** How the key's type is read; null only in the instance Jackson makes before it knows the key. */
    private final transient JsonDeserializer<Object> values;

    KeyOfOlderFiles() {
        this(Object.class, null);
    }

    private KeyOfOlderFiles(Class<?> type, JsonDeserializer<Object> values) {
        super(type);
        this.values = values;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
            throws JsonMappingException {
        return new KeyOfOlderFiles(property.getType().getRawClass(),
                ctxt.findContextualValueDeserializer(property.getType(), property));
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        return values.deserialize(p, ctxt);
    }

    /** An explicit null: refused, with the key path Jackson adds on the way out. */
    @Override
    public Object getNullValue(DeserializationContext ctxt) throws JsonMappingException {
        return ctxt.reportInputMismatch(this, "no null for a key of older files");
    }

    /** A key left out, as files of builds before it: 0 for a count, else none. */
    @Override
    public Object getAbsentValue(DeserializationContext ctxt) throws JsonMappingException {
        return handledType().isPrimitive() ? values.getEmptyValue(ctxt) : null;
    }
}
