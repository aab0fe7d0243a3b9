package io.verity.identity.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.verity.platform.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/** The free-form {@code metadata} callers attach to events and attendees: a JSON object of at most 16 KiB, kept as given. */
@ApplicationScoped
public class MetadataJson {

    private static final int MAX_CHARS = 16_384;
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    @Inject
    ObjectMapper json;

    public String write(String field, Map<String, Object> value) {
        try {
            String text = json.writeValueAsString(value);
            if (text.length() > MAX_CHARS) {
                throw ProblemException.invalidField(field, "at most 16 KiB of JSON");
            }
            return text;
        } catch (JsonProcessingException e) {
            throw ProblemException.invalidField(field, "must be a JSON object");
        }
    }

    /** What was stored (by {@link #write}, so always an object). */
    public Map<String, Object> read(String stored) {
        try {
            return stored == null ? Map.of() : json.readValue(stored, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored metadata is not a JSON object", e);
        }
    }
}
