package org.engram.experiments.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads a key that names one of the kinds a registry holds (a neuron model, a connectivity or plasticity
 * rule, an input, a strategy): a number or true/false as the text it was written as, so that the check of
 * the name refuses it with the names to choose from. Refused as no text, {@code rule.type: 1} was told to
 * put it in quotes, which the name check then refused as an unknown rule; no name of the built-in kinds is
 * a number.
 */
public final class RegisteredName extends StdDeserializer<String> {
    private static final long serialVersionUID = 1L;

    /** Creates the reader. */
    public RegisteredName() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT
                || token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return p.getText();
        }
        return ctxt.readValue(p, String.class);
    }
}
