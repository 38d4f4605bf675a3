package org.engram.experiments.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.lang.reflect.Field;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;

/**
 * The YAML reader and writer of configs: YAML 1.1 as Jackson reads it, except that a plain scalar
 * is a number only in the decimal forms of {@link NumberForms}. {@code seed: 010} read as octal 8
 * and {@code seed: 0x10} as 16; now they are text, which a number key refuses with advice and a
 * text key keeps as written. Aliases and merge keys are expanded ({@link AliasExpansion}), and the text is
 * scanned from memory in time proportional to its length ({@link WholeTextReader}). The writer
 * quotes text that would read back as a number.
 */
final class DecimalYamlFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the factory.
     *
     * @param builder the settings of Jackson's YAML factory; its string quoting checker is replaced
     */
    DecimalYamlFactory(YAMLFactoryBuilder builder) {
        super(builder.stringQuotingChecker(new QuoteNumbers()));
    }

    @Override
    protected YAMLParser _createParser(Reader reader, IOContext context) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] chunk = new char[8192];
        try {
            for (int n = reader.read(chunk); n >= 0; n = reader.read(chunk)) {
                text.append(chunk, 0, n);
            }
        } finally {
            // The parser reads a copy: the source is closed here when the parser would have closed it.
            if (context.isResourceManaged() || isEnabled(JsonParser.Feature.AUTO_CLOSE_SOURCE)) {
                reader.close();
            }
        }
        return parserOf(text.toString(), context);
    }

    @Override
    protected YAMLParser _createParser(InputStream in, IOContext context) throws IOException {
        return _createParser(_createReader(in, null, context), context);
    }

    @Override
    protected YAMLParser _createParser(char[] data, int offset, int length, IOContext context, boolean recyclable) {
        return parserOf(new String(data, offset, length), context);
    }

    @Override
    protected YAMLParser _createParser(byte[] data, int offset, int length, IOContext context) throws IOException {
        return _createParser(_createReader(data, offset, length, null, context), context);
    }

    private YAMLParser parserOf(String text, IOContext context) {
        DecimalParser parser = new DecimalParser(context, _parserFeatures, _yamlParserFeatures, _loaderOptions,
                _objectCodec, new StringReader(text));
        ParserImpl events = new ParserImpl(new WholeTextReader(text), _loaderOptions);
        // Only a text with a star or a merge key can hold an alias or a merge: the others are read as they stream.
        parser.readEventsFrom(text.indexOf('*') >= 0 || text.contains("<<") ? new AliasExpansion(events) : events);
        return parser;
    }

    /** Reads a scalar that YAML 1.1 types as a number, or that is tagged !!int or !!float, as text unless decimal. */
    private static final class DecimalParser extends YAMLParser {
        DecimalParser(IOContext context, int parserFeatures, int yamlFeatures, LoaderOptions options,
                ObjectCodec codec, Reader reader) {
            super(context, parserFeatures, yamlFeatures, options, codec, reader);
        }

        /**
         * Reads the text's events from a parser of Engram's: one that reads the text through a
         * {@link WholeTextReader}, and expands aliases where there may be some. Jackson's parser reads
         * them from a final field that it fills itself, with no other way in; the field is set here once,
         * before the first event is read.
         *
         * @param parser the events of the text the parser was made with
         */
        void readEventsFrom(ParserImpl parser) {
            try {
                Field events = YAMLParser.class.getDeclaredField("_yamlParser");
                events.setAccessible(true);
                events.set(this, parser);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Jackson's YAML parser no longer reads its events from _yamlParser", e);
            }
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = super.nextToken();
            if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)
                    && _lastTagEvent instanceof CollectionStartEvent start) {
                String tag = start.getTag();
                // A set reads as a mapping of its members to nothing: "seeds.1: expected a value, found nothing".
                // Refused here, before the key's type is known: a number or a mapping is as likely as a list.
                if (Tag.SET.getValue().equals(tag)) {
                    throw new TagRefused(this, _locationFor(start.getStartMark()), "a value without the tag !!set"
                            + " (no key of a config holds a set; a key of several values takes a list, e.g. [1, 2])",
                            "a set (!!set)", "write the value without the tag, the members as a list where the key"
                            + " takes several");
                }
                if (isOwnTag(tag)) {
                    String what = token == JsonToken.START_OBJECT ? "a mapping" : "a list";
                    throw new TagRefused(this, _locationFor(start.getStartMark()),
                            what + " without a tag of its own (YAML's standard tags are read)",
                            "the tag " + tag + " on " + what, "write the " + what.substring(2) + " without the tag");
                }
            }
            return token;
        }

        /** A tag of one's own ({@code !custom}), which Jackson drops without a word; not YAML's, nor {@code !}. */
        private static boolean isOwnTag(String tag) {
            return tag != null && !tag.equals("!") && !tag.startsWith(Tag.PREFIX);
        }

        @Override
        protected JsonToken _decodeScalar(ScalarEvent scalar) throws IOException {
            String value = scalar.getValue();
            String tag = scalar.getTag();
            if (isOwnTag(tag)) {
                // A tag of one's own was dropped without a word: the value read as if untagged.
                throw new TagRefused(this, _locationFor(scalar.getStartMark()), "a value without a tag of its own"
                        + " (YAML's standard tags, such as !!str,"
                        + " are read)", "the tag " + tag + " on " + value, "write the value without the tag");
            }
            if (Tag.BINARY.getValue().equals(tag)) {
                // No key holds bytes: Jackson decoded the base64 and, on a bad one, gave its decoder's words.
                throw new TagRefused(this, _locationFor(scalar.getStartMark()),
                        "a value without the tag !!binary (no key of a config holds bytes)",
                        "the tag !!binary on " + value, "write the value without the tag");
            }
            if (tag == null && scalar.getImplicit().canOmitTagInPlainScalar()) {
                // The plainest numbers, decoded as YAMLParser decodes an int or a float but without its
                // regular expressions.
                switch (NumberForms.plainDecimal(value)) {
                    case INTEGER -> {
                        _textValue = value;
                        _cleanedTextValue = null;
                        return _decodeNumberScalar(value, value.length());
                    }
                    case FRACTION -> {
                        _textValue = value;
                        _cleanedTextValue = value;
                        _numTypesValid = NR_UNKNOWN;
                        return JsonToken.VALUE_NUMBER_FLOAT;
                    }
                    default -> {
                    }
                }
            }
            // An untagged scalar is typed as YAMLParser types it (a quoted one is text); !!int 010 was 8 too.
            Tag type = tag == null || tag.equals("!")
                    ? _yamlResolver.resolve(NodeId.scalar, value, scalar.getImplicit().canOmitTagInPlainScalar())
                    : new Tag(tag);
            if ((type.equals(Tag.INT) || type.equals(Tag.FLOAT)) && !NumberForms.readAsNumber(value)) {
                _textValue = value;
                _cleanedTextValue = null;
                return JsonToken.VALUE_STRING;
            }
            return super._decodeScalar(scalar);
        }
    }

    /** Quotes, besides what Jackson quotes, text that the reader would take for a number ({@code '2024'}). */
    private static final class QuoteNumbers extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || NumberForms.readAsNumber(value);
        }
    }
}
