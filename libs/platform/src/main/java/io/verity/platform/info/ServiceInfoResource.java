package io.verity.platform.info;

import io.quarkus.runtime.configuration.ConfigUtils;
import io.verity.platform.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /}, {@code /info}, {@code /system} and {@code /health} of every service, in the vendor spec's shapes. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Service information")
@SecuritySchemes({
    @SecurityScheme(securitySchemeName = "ApiKeyAuth", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
            apiKeyName = "x-api-key", description = "API key of a client, shown once when it is issued"),
    @SecurityScheme(securitySchemeName = "ApiKeyBearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
            bearerFormat = "vty_ API key", description = "The same API key as `Authorization: Bearer <api key>`; "
                    + "accepted wherever ApiKeyAuth is"),
    @SecurityScheme(securitySchemeName = "AdminBearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
            bearerFormat = "JWT", description = "OIDC access token carrying the role `admin`"),
    @SecurityScheme(securitySchemeName = "InternalToken", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
            apiKeyName = "x-internal-token", description = "Shared secret of the Verity services, accepted under "
                    + "/internal/ only; the header x-verity-client-id names the client the calling service acts for")
})
public class ServiceInfoResource {

    @Inject
    ServiceConfig service;

    @Inject
    HealthReporter health;

    @Inject
    UriInfo uri;

    @Inject
    SecurityIdentity identity;

    @ConfigProperty(name = "quarkus.application.name")
    String name;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    static final String ROOT_EXAMPLE = """
            {"service":"identity-service","description":"The matcher","version":"0.1.0","environment":"prod",\
            "timestamp":"2026-01-01T12:00:00Z","documentation":"https://verity.example.com/q/swagger-ui",\
            "health":"https://verity.example.com/health","status":"running"}""";
    static final String INFO_EXAMPLE = """
            {"service":"identity-service","version":"0.1.0","environment":"prod","timestamp":"2026-01-01T12:00:00Z",\
            "uptime":3600,"endpoints":{"health":"https://verity.example.com/health","ready":"https://verity.example.com/q/health/ready",\
            "live":"https://verity.example.com/q/health/live","metrics":"https://verity.example.com/q/metrics",\
            "docs":"https://verity.example.com/q/swagger-ui","api_spec":"https://verity.example.com/q/openapi"}}""";
    static final String SYSTEM_EXAMPLE = """
            {"timestamp":"2026-01-01T12:00:00Z","system":{"uptime":3600,"memory":{"used":104857600,"total":268435456,\
            "external":52428800,"rss":367001600},"cpu":{"count":4,"load_average":0.5,"process_load":0.1,\
            "process_time_ms":12000},"pid":1,"node_version":"java 25","platform":"linux amd64"},\
            "environment":{"node_env":"prod","version":"0.1.0"}}""";
    static final String HEALTH_EXAMPLE = """
            {"status":"ok","timestamp":"2026-01-01T12:00:00Z","uptime":3600,"version":"0.1.0","environment":"prod",\
            "checks":{"database":"ok","cache":"ok","storage":"ok","external_services":{"weights-service":"ok"}}}""";

    @GET
    @PermitAll
    @Operation(operationId = "getServiceRoot", summary = "What this service is")
    @APIResponse(responseCode = "200", description = "The service", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "service", value = ROOT_EXAMPLE)))
    public Map<String, Object> root() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", name);
        body.put("description", service.description());
        body.put("version", version);
        body.put("environment", service.environment());
        body.put("timestamp", Instant.now());
        body.put("documentation", absolute("/q/swagger-ui"));
        body.put("health", absolute("/health"));
        body.put("status", "running");
        return body;
    }

    @GET
    @Path("info")
    @PermitAll
    @Operation(operationId = "getServiceInfo", summary = "Uptime and where the operational endpoints are")
    @APIResponse(responseCode = "200", description = "Uptime and endpoints", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "info", value = INFO_EXAMPLE)))
    public Map<String, Object> info() {
        Map<String, Object> endpoints = new LinkedHashMap<>();
        endpoints.put("health", absolute("/health"));
        endpoints.put("ready", absolute("/q/health/ready"));
        endpoints.put("live", absolute("/q/health/live"));
        endpoints.put("metrics", absolute("/q/metrics"));
        endpoints.put("docs", absolute("/q/swagger-ui"));
        endpoints.put("api_spec", absolute("/q/openapi"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", name);
        body.put("version", version);
        body.put("environment", service.environment());
        body.put("timestamp", Instant.now());
        body.put("uptime", health.uptimeSeconds());
        body.put("endpoints", endpoints);
        return body;
    }

    @GET
    @Path("system")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "AdminBearer")
    @APIResponse(responseCode = "200", description = "Process and runtime figures", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "system", value = SYSTEM_EXAMPLE)))
    @Operation(operationId = "getSystemStatus", summary = "Process and runtime figures (administrators only)",
            description = "Field names follow the vendor spec: `node_version` holds the Java runtime version, "
                    + "`memory.external` the JVM's non-heap memory; sizes are bytes.")
    public Map<String, Object> system() {
        Runtime runtime = Runtime.getRuntime();
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("used", runtime.totalMemory() - runtime.freeMemory());
        memory.put("total", runtime.totalMemory());
        memory.put("external", ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed());
        memory.put("rss", residentSetBytes());
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("count", os.getAvailableProcessors());
        cpu.put("load_average", os.getSystemLoadAverage());
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            cpu.put("process_load", sun.getProcessCpuLoad());
            cpu.put("process_time_ms", sun.getProcessCpuTime() / 1_000_000);
        }
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("uptime", health.uptimeSeconds());
        system.put("memory", memory);
        system.put("cpu", cpu);
        system.put("pid", ProcessHandle.current().pid());
        system.put("node_version", "java " + Runtime.version());
        system.put("platform", System.getProperty("os.name").toLowerCase() + " " + System.getProperty("os.arch"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", Instant.now());
        body.put("system", system);
        body.put("environment", Map.of("node_env", String.join(",", ConfigUtils.getProfiles()), "version", version));
        return body;
    }

    @GET
    @Path("health")
    @RolesAllowed({Roles.CLIENT, Roles.ADMIN, Roles.INTERNAL})
    @SecurityRequirement(name = "ApiKeyAuth")
    @SecurityRequirement(name = "AdminBearer")
    @Operation(operationId = "getHealth", summary = "Status of the database, cache, storage and the services this one calls",
            description = "503 when the database is unreachable; `degraded` when a called service is. `details` and "
                    + "`error` (errors, internal URLs, schema version, cache sizes) are shown to administrators and "
                    + "internal callers only; an API key sees the status of each check.")
    @APIResponse(responseCode = "200", description = "Healthy or degraded", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = HealthReport.class), examples = @ExampleObject(name = "ok", value = HEALTH_EXAMPLE)))
    @APIResponse(responseCode = "503", description = "The database is unreachable", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HealthReport.class)))
    public Response health() {
        HealthReport report = health.report();
        if (!identity.hasRole(Roles.ADMIN) && !identity.hasRole(Roles.INTERNAL)) {
            report = report.withoutDetails();
        }
        return Response.status(HealthReport.ERROR.equals(report.status()) ? 503 : 200).entity(report).build();
    }

    private String absolute(String path) {
        return uri.getBaseUriBuilder().replacePath(path).build().toString();
    }

    private static long residentSetBytes() {
        try {
            for (String line : Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (Exception e) {
            // not Linux: fall through
        }
        return -1;
    }
}
