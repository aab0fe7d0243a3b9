package io.verity.weights.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.verity.platform.error.ProblemException;
import io.verity.platform.weights.DocumentType;
import io.verity.weights.domain.RecordFields;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads request input strictly. Bodies are taken as JSON trees rather than bound by Jackson, which would turn a
 * missing number into 0, the string "NaN" into NaN and "0.5" into 0.5; here each of those is a 400
 * {@code invalid_field} problem whose {@code field} is the name as the caller sent it, the first in spec order.
 */
final class Input {

    /** The data source that requirements are read and written for when a request names none. */
    static final String DEFAULT_DATA_SOURCE = "unknown";
    static final int MAX_USER_ID_LENGTH = 200;
    private static final Pattern DATA_SOURCE = Pattern.compile("[a-z0-9_]{1,64}");
    private static final Pattern CANONICAL_UUID = Pattern.compile("\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}");

    private Input() {
    }

    static ObjectNode object(JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            throw ProblemException.badRequest("malformed_body", "the request body must be a JSON object");
        }
        return object;
    }

    /** Every component of the record: present, of its JSON type, and numbers finite and within their range. */
    static <R extends Record> R values(ObjectNode body, Class<R> type) {
        return RecordFields.construct(type, field -> {
            JsonNode node = body.get(field.name());
            if (node == null || node.isNull()) {
                throw invalid(field.name(), "is required");
            }
            if (field.type() == boolean.class) {
                if (!node.isBoolean()) {
                    throw invalid(field.name(), "must be true or false");
                }
                return node.booleanValue();
            }
            if (!node.isNumber()) {
                throw invalid(field.name(), "must be a number");
            }
            double value = node.doubleValue();
            if (!Double.isFinite(value)) {
                throw invalid(field.name(), "must be a finite number");
            }
            if (value < field.minimum() || value > field.maximum()) {
                throw invalid(field.name(), "must be between " + plain(field.minimum()) + " and "
                        + plain(field.maximum()) + ", was " + plain(value));
            }
            return value;
        });
    }

    /** A {@code client_id} query parameter; an empty query parameter counts as absent, here and below. */
    static UUID clientIdParam(String raw) {
        return clientId(emptyToNull(raw));
    }

    static UUID clientId(ObjectNode body) {
        return clientId(text(body, "client_id"));
    }

    private static UUID clientId(String raw) {
        if (raw == null) {
            return null;
        }
        if (!CANONICAL_UUID.matcher(raw).matches()) {
            throw invalid("client_id", "must be a client id (a UUID)");
        }
        return UUID.fromString(raw);
    }

    static String userIdParam(String raw) {
        return userId(emptyToNull(raw));
    }

    /** The client's own opaque id of one of its users: none when absent. */
    private static String userId(String raw) {
        if (raw != null && (raw.isBlank() || raw.length() > MAX_USER_ID_LENGTH)) {
            throw invalid("user_id", "must be 1 to " + MAX_USER_ID_LENGTH + " characters, not blank");
        }
        return raw;
    }

    static String userId(ObjectNode body) {
        return userId(text(body, "user_id"));
    }

    private static DocumentType documentType(String raw) {
        return DocumentType.fromWire(raw).orElseThrow(() -> invalid("type_e", "must be one of "
                + Arrays.stream(DocumentType.values()).map(DocumentType::wire).toList()));
    }

    /** A {@code type_e} query parameter: every type when absent. */
    static Optional<DocumentType> documentTypeOrAll(String raw) {
        return Optional.ofNullable(emptyToNull(raw)).map(Input::documentType);
    }

    static DocumentType documentType(ObjectNode body) {
        return documentType(required(body, "type_e"));
    }

    /** Lower-case letters, digits and underscores: the spec leaves the values of {@code data_source_e} open. */
    private static String dataSource(String raw) {
        if (!DATA_SOURCE.matcher(raw).matches()) {
            throw invalid("data_source_e", "must be 1 to 64 lower-case letters, digits or underscores");
        }
        return raw;
    }

    /** A {@code data_source_e} query parameter: {@value #DEFAULT_DATA_SOURCE} when absent. */
    static String dataSourceOrDefault(String raw) {
        return emptyToNull(raw) == null ? DEFAULT_DATA_SOURCE : dataSource(raw);
    }

    static String dataSource(ObjectNode body) {
        return dataSource(required(body, "data_source_e"));
    }

    private static String required(ObjectNode body, String field) {
        String value = text(body, field);
        if (value == null) {
            throw invalid(field, "is required");
        }
        return value;
    }

    /** A string member; absent and null are both none. */
    private static String text(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(field, "must be a string");
        }
        return node.textValue();
    }

    private static String emptyToNull(String raw) {
        return raw == null || raw.isEmpty() ? null : raw;
    }

    private static ProblemException invalid(String field, String detail) {
        return ProblemException.invalidField(field, detail);
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
