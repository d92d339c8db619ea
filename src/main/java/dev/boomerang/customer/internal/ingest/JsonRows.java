package dev.boomerang.customer.internal.ingest;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * Streams the objects of a JSON array as {@link RawRow}s, one element at a time, so a large body is never
 * held whole. Field names are the CSV column names; unknown fields and non-scalar values are row errors,
 * recorded in the batch's {@link RowErrors} with the rest.
 */
public final class JsonRows implements Iterator<RawRow>, AutoCloseable {

    /** More lines than any order or cart has; a bound on what one row may make us hold. */
    public static final int MAX_ITEMS = 1000;

    private final ObjectReader elementReader;
    private final RowSchema schema;
    private final JsonParser parser;
    private final RowErrors shapeErrors;
    private int number;
    private JsonToken pending;

    /**
     * @param shapeErrors where unknown fields and wrongly shaped values are recorded; the caller's batch
     *     error list, so they are reported with the rest
     */
    public JsonRows(ObjectMapper mapper, InputStream in, RowSchema schema, RowErrors shapeErrors) {
        // reads one element of the array; what follows it is the next element, not "trailing tokens"
        this.elementReader = reader(mapper).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.schema = schema;
        this.shapeErrors = shapeErrors;
        try {
            this.parser = mapper.createParser(in);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw IngestRejectedException.whole(schema.what(), "body", "expected a JSON array of " + schema.what());
            }
        }
        catch (JacksonException ex) {
            throw unreadable(ex);
        }
    }

    /** Reads a single JSON object (a cart snapshot) as a row. */
    public static RawRow single(ObjectMapper mapper, InputStream in, RowSchema schema, RowErrors shapeErrors) {
        try {
            JsonNode node = reader(mapper).readTree(in);
            if (node == null || !node.isObject()) {
                throw IngestRejectedException.whole(schema.what(), "body", "expected a JSON object");
            }
            return toRow(node, 1, schema, shapeErrors);
        }
        catch (JacksonException ex) {
            throw IngestRejectedException.whole(schema.what(), "body", "not valid JSON: " + ex.getOriginalMessage());
        }
    }

    // amounts keep every digit they were sent with: 1234567890123.1234 must not pass through a double
    private static ObjectReader reader(ObjectMapper mapper) {
        return mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    @Override
    public boolean hasNext() {
        if (pending == null) {
            try {
                pending = parser.nextToken();
            }
            catch (JacksonException ex) {
                throw unreadable(ex);
            }
        }
        return pending != null && pending != JsonToken.END_ARRAY;
    }

    @Override
    public RawRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        pending = null;
        number++;
        try {
            JsonNode node = elementReader.readTree(parser);
            if (!node.isObject()) {
                shapeErrors.add(new RowError(number, 0, "row", "expected an object, found " + node.getNodeType()));
                return new RawRow(number, 0, Map.of(), Map.of(), null);
            }
            return toRow(node, number, schema, shapeErrors);
        }
        catch (JacksonException ex) {
            throw IngestRejectedException.whole(schema.what(), "body", "not valid JSON in row " + number + ": " + ex.getOriginalMessage());
        }
    }

    private static RawRow toRow(JsonNode node, int number, RowSchema schema, RowErrors errors) {
        Map<String, String> fields = new HashMap<>();
        Map<String, String> attributes = new HashMap<>();
        List<Map<String, String>> items = null;
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String name = property.getKey();
            JsonNode value = property.getValue();
            if (schema.columns().contains(name)) {
                fields.put(name, scalar(value, name, number, errors).orElse(null));
            }
            else if (schema.attributes() && name.equals("attributes") && value.isObject()) {
                for (Map.Entry<String, JsonNode> attribute : value.properties()) {
                    attributes.put(attribute.getKey(), // null removes the attribute
                            scalar(attribute.getValue(), "attributes." + attribute.getKey(), number, errors).orElse(null));
                }
            }
            else if (schema.hasItems() && name.equals("items") && value.isArray()) {
                items = new ArrayList<>();
                int index = 0;
                if (value.size() > MAX_ITEMS) {
                    errors.add(new RowError(number, 0, name, "more than " + MAX_ITEMS + " items"));
                    continue;
                }
                for (JsonNode item : value.values()) {
                    items.add(item(item, "items[" + index++ + "]", number, schema, errors));
                }
            }
            else if (name.equals("attributes") || name.equals("items")) {
                errors.add(new RowError(number, 0, name, name.equals("items") && schema.hasItems() ? "must be an array" : "must be an object"));
            }
            else {
                errors.add(new RowError(number, 0, name, "unknown field"));
            }
        }
        return new RawRow(number, 0, fields, attributes, items);
    }

    private static Map<String, String> item(JsonNode item, String path, int number, RowSchema schema, RowErrors errors) {
        Map<String, String> fields = new HashMap<>();
        if (!item.isObject()) {
            errors.add(new RowError(number, 0, path, "must be an object"));
            return fields;
        }
        for (Map.Entry<String, JsonNode> property : item.properties()) {
            String name = property.getKey();
            if (schema.itemColumns().contains(name)) {
                scalar(property.getValue(), path + "." + name, number, errors).ifPresent(v -> fields.put(name, v));
            }
            else {
                errors.add(new RowError(number, 0, path + "." + name, "unknown field"));
            }
        }
        return fields;
    }

    private static Optional<String> scalar(JsonNode value, String path, int number, RowErrors errors) {
        if (value.isNull()) {
            return Optional.empty();
        }
        if (value.isValueNode()) {
            return Optional.of(value.asString());
        }
        errors.add(new RowError(number, 0, path, "must be a text, number or boolean"));
        return Optional.empty();
    }

    private IngestRejectedException unreadable(JacksonException ex) {
        return IngestRejectedException.whole(schema.what(), "body",
                "not valid JSON after row " + number + ": " + ex.getOriginalMessage());
    }

    @Override
    public void close() {
        parser.close();
    }
}
