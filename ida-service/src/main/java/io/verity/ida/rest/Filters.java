package io.verity.ida.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.verity.platform.error.ProblemException;
import io.verity.platform.security.Caller;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A list request's filters as one parameterised SQL WHERE clause (always scoped to the caller's client). */
final class Filters {

    private static final int MAX_VALUES = 100;

    private final StringBuilder where = new StringBuilder();
    private final Map<String, Object> params = new LinkedHashMap<>();

    Filters(String clientColumn, UUID clientId) {
        where.append(" WHERE ").append(clientColumn).append(" = :client");
        params.put("client", clientId);
    }

    Filters and(String sql, String name, Object value) {
        where.append(" AND ").append(sql);
        if (name != null) {
            params.put(name, value);
        }
        return this;
    }

    String where() {
        return where.toString();
    }

    Query bind(Query query) {
        params.forEach(query::setParameter);
        return query;
    }

    /** client_id filters may only name the caller's own client (403 otherwise). */
    static void ownClientOnly(Caller caller, Object clientIds) {
        for (String requested : strings(clientIds, "client_id")) {
            try {
                caller.clientFor(UUID.fromString(requested));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("client_id", "'" + requested + "' is not a client id");
            }
        }
    }

    /** A "string or array of strings" filter as a list (empty when absent). */
    static List<String> strings(Object value, String field) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return s.isBlank() ? List.of() : List.of(s);
        }
        if (value instanceof Collection<?> c) {
            if (c.size() > MAX_VALUES) {
                throw ProblemException.invalidField(field, "at most " + MAX_VALUES + " values");
            }
            List<String> out = new ArrayList<>();
            for (Object o : c) {
                if (!(o instanceof String s)) {
                    throw ProblemException.invalidField(field, "must be a string or an array of strings");
                }
                out.add(s);
            }
            return out;
        }
        throw ProblemException.invalidField(field, "must be a string or an array of strings");
    }

    static List<UUID> uuids(List<String> values, String field) {
        List<UUID> ids = new ArrayList<>();
        for (String v : values) {
            try {
                ids.add(UUID.fromString(v.strip()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField(field, "'" + v + "' is not an id");
            }
        }
        return ids;
    }

    static OffsetDateTime instant(String text, String field, boolean endOfDay) {
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be an ISO date (2026-01-31) or date-time (2026-01-31T12:00:00Z)");
        }
    }

    static String term(String searchTerm) {
        if (searchTerm.length() > 200) {
            throw ProblemException.invalidField("search_term", "at most 200 characters");
        }
        String escaped = searchTerm.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    static String metadata(ObjectMapper json, Map<String, String> metadata) {
        try {
            return json.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalidField("metadata", "must be an object of strings");
        }
    }

    long count(EntityManager em, String from) {
        return ((Number) bind(em.createNativeQuery("SELECT count(*) FROM " + from + where())).getSingleResult()).longValue();
    }
}
