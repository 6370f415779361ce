package io.callisto.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the kernel: snake_case names for records, nulls left out, unknown fields ignored. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A record (or map) as a JSON object. */
    public static ObjectNode toObject(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** A JSON object read as a record; missing fields come through as null (or the record's defaults). */
    public static <T> T fromObject(ObjectNode node, Class<T> type) {
        return MAPPER.convertValue(node, type);
    }
}
