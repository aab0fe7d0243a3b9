package io.verity.idv.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.verity.idv.domain.Session;
import io.verity.platform.error.ProblemException;
import io.verity.platform.web.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** sessionList's filters as one SQL query over the caller's sessions, newest first. */
@ApplicationScoped
public class SessionQuery {

    private static final Set<String> STATUSES = Set.of("in_progress", "complete", "temporarily_blocked",
            "temporarily_complete", "expired");
    private static final int MAX_VALUES = 100;

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    public record Page(List<Session> sessions, long total) {
    }

    public Page run(UUID clientId, Views.SessionListRequest r, Paging paging) {
        StringBuilder where = new StringBuilder(" WHERE client_id = :client");
        List<Object[]> params = new ArrayList<>();
        params.add(new Object[] {"client", clientId});
        if (r.status() != null && !"unknown".equals(r.status())) {
            if (!STATUSES.contains(r.status())) {
                throw ProblemException.invalidField("status", "must be one of " + STATUSES + " or unknown");
            }
            where.append(" AND status = :status");
            params.add(new Object[] {"status", r.status()});
        }
        List<String> identities = strings(r.identityId(), "identity_id");
        if (!identities.isEmpty()) {
            List<UUID> ids = new ArrayList<>();
            for (String id : identities) {
                try {
                    ids.add(UUID.fromString(id));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.invalidField("identity_id", "'" + id + "' is not an identity id");
                }
            }
            where.append(" AND identity_id IN (:identities)");
            params.add(new Object[] {"identities", ids});
        }
        List<String> users = strings(r.userId(), "user_id");
        if (!users.isEmpty()) {
            where.append(" AND user_id IN (:users)");
            params.add(new Object[] {"users", users});
        }
        if (r.startDate() != null && !r.startDate().isBlank()) {
            where.append(" AND created_at >= :start");
            params.add(new Object[] {"start", instant(r.startDate(), "start_date", false)});
        }
        if (r.endDate() != null && !r.endDate().isBlank()) {
            where.append(" AND created_at < :end");
            params.add(new Object[] {"end", instant(r.endDate(), "end_date", true)});
        }
        if (r.metadata() != null && !r.metadata().isEmpty()) {
            where.append(" AND metadata @> CAST(:metadata AS jsonb)");
            try {
                params.add(new Object[] {"metadata", json.writeValueAsString(r.metadata())});
            } catch (JsonProcessingException e) {
                throw ProblemException.invalidField("metadata", "must be an object of strings");
            }
        }
        if (r.searchTerm() != null && !r.searchTerm().isBlank()) {
            if (r.searchTerm().length() > 200) {
                throw ProblemException.invalidField("search_term", "at most 200 characters");
            }
            where.append(" AND (CAST(id AS text) ILIKE :term OR user_id ILIKE :term"
                    + " OR EXISTS (SELECT 1 FROM jsonb_each_text(metadata) m WHERE m.value ILIKE :term))");
            String escaped = r.searchTerm().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            params.add(new Object[] {"term", "%" + escaped + "%"});
        }
        Query count = entityManager.createNativeQuery("SELECT count(*) FROM idv.sessions" + where);
        Query page = entityManager.createNativeQuery("SELECT * FROM idv.sessions" + where
                + " ORDER BY created_at DESC, id LIMIT :take OFFSET :skip", Session.class);
        for (Object[] p : params) {
            count.setParameter((String) p[0], p[1]);
            page.setParameter((String) p[0], p[1]);
        }
        page.setParameter("take", paging.take());
        page.setParameter("skip", paging.skip());
        @SuppressWarnings("unchecked")
        List<Session> sessions = page.getResultList();
        return new Page(sessions, ((Number) count.getSingleResult()).longValue());
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

    static Map<String, Object> none() {
        return Map.of();
    }
}
