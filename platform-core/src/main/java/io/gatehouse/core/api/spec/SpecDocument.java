package io.gatehouse.core.api.spec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.gatehouse.core.error.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A document sent for import: its text exactly as sent (stored and served back unchanged) and its
 * parsed tree (Jackson 2, the model swagger-parser reads). Duplicate keys are refused, and so are
 * YAML documents with many aliases (a "billion laughs" guard). YAML is read as YAML 1.2, which OpenAPI
 * and AsyncAPI name: {@code on}, {@code off}, {@code yes}, {@code no} are strings, only {@code true}
 * and {@code false} booleans.
 */
public record SpecDocument(SpecSyntax syntax, String text, JsonNode tree) {

    /** The largest document accepted, in bytes. */
    public static final int MAX_BYTES = 8 * 1024 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper YAML;

    static {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES);
        options.setMaxAliasesForCollections(50);
        options.setAllowDuplicateKeys(false);
        YAML = YAMLMapper.builder(YAMLFactory.builder().loaderOptions(options).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS).build();
    }

    /** Parses {@code body}, UTF-8 text; a body that is not a readable object is invalid input at pointer "". */
    public static SpecDocument parse(byte[] body, SpecSyntax syntax) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("", "a document is required");
        }
        if (body.length > MAX_BYTES) {
            throw new InvalidInputException("", "a document may have at most " + MAX_BYTES + " bytes");
        }
        String text = utf8(body);
        JsonNode tree;
        try {
            tree = (syntax == SpecSyntax.JSON ? JSON : YAML).readTree(text);
        } catch (JacksonException e) {
            throw new InvalidInputException("", "is not valid " + syntax + at(e.getLocation()) + ": " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            throw new InvalidInputException("", "is not valid " + syntax + ": " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidInputException("", "must be a " + syntax + " object (a mapping at the top level)");
        }
        return new SpecDocument(syntax, text, tree);
    }

    /** Whether the document has this top-level field, e.g. {@code openapi} or {@code asyncapi}. */
    public boolean declares(String field) {
        return tree.has(field);
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("", "must be UTF-8 text");
        }
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
