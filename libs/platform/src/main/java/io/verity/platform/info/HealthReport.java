package io.verity.platform.info;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/** The body of {@code GET /health}, in the shape of the vendor spec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthReport(
        String status,
        Instant timestamp,
        long uptime,
        String version,
        String environment,
        Checks checks,
        Details details,
        String error) {

    public static final String OK = "ok";
    public static final String DEGRADED = "degraded";
    public static final String ERROR = "error";

    public record Checks(String database, String cache, String storage, Map<String, String> externalServices) {
    }

    /** The same report without what only operators may see: the details (errors, URLs, versions, cache sizes). */
    public HealthReport withoutDetails() {
        return new HealthReport(status, timestamp, uptime, version, environment, checks, null, null);
    }

    public record Details(Map<String, Object> database, Map<String, Object> cache, Map<String, Object> storage,
            Map<String, Object> externalServices) {
    }
}
