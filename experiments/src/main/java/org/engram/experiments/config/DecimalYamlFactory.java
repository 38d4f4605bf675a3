package org.engram.experiments.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.CharArrayReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The YAML reader and writer of configs: YAML 1.1 as Jackson reads it, except that a plain scalar
 * is a number only in the decimal forms of {@link NumberForms}. {@code seed: 010} read as octal 8
 * and {@code seed: 0x10} as 16; now they are text, which a number key refuses with advice and a
 * text key keeps as written. Aliases ({@code *name}) are refused. The writer quotes text that would
 * read back as a number.
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
    protected YAMLParser _createParser(Reader reader, IOContext context) {
        return new DecimalParser(context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, reader);
    }

    @Override
    protected YAMLParser _createParser(InputStream in, IOContext context) throws IOException {
        return _createParser(_createReader(in, null, context), context);
    }

    @Override
    protected YAMLParser _createParser(char[] data, int offset, int length, IOContext context, boolean recyclable) {
        return _createParser(new CharArrayReader(data, offset, length), context);
    }

    @Override
    protected YAMLParser _createParser(byte[] data, int offset, int length, IOContext context) throws IOException {
        return _createParser(_createReader(data, offset, length, null, context), context);
    }

    /** Reads a scalar that YAML 1.1 types as a number, or that is tagged !!int or !!float, as text unless decimal. */
    private static final class DecimalParser extends YAMLParser {
        DecimalParser(IOContext context, int parserFeatures, int yamlFeatures, LoaderOptions options,
                ObjectCodec codec, Reader reader) {
            super(context, parserFeatures, yamlFeatures, options, codec, reader);
        }

        /**
         * Refuses an alias ({@code *name}): Jackson would read it as the text of its name, so that
         * {@code name: *n} named a population "n" and a number key said it found the text.
         */
        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = super.nextToken();
            if (isCurrentAlias() && _lastEvent instanceof AliasEvent alias) {
                throw new AliasRefused(this, alias.getAnchor(), alias.getStartMark());
            }
            return token;
        }

        @Override
        protected JsonToken _decodeScalar(ScalarEvent scalar) throws IOException {
            String value = scalar.getValue();
            String tag = scalar.getTag();
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

    /** A YAML alias in a config, with where it stands. */
    static final class AliasRefused extends JsonParseException {
        private static final long serialVersionUID = 1L;
        /** The alias's name, without the star. */
        final String name;
        /** Its line, from 1. */
        final int line;
        /** Its column, from 1. */
        final int column;

        AliasRefused(JsonParser parser, String name, Mark mark) {
            super(parser, "YAML alias *" + name);
            this.name = name;
            this.line = mark.getLine() + 1;
            this.column = mark.getColumn() + 1;
        }
    }
}
