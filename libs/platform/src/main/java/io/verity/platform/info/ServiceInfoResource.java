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
import org.eclipse.microprofile.openapi.annotations.Operation;
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

    @ConfigProperty(name = "quarkus.application.name")
    String name;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    @GET
    @PermitAll
    @Operation(summary = "What this service is")
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
    @Operation(summary = "Uptime and where the operational endpoints are")
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
    @Operation(summary = "Process and runtime figures (administrators only)",
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
    @Operation(summary = "Status of the database, cache, storage and the services this one calls",
            description = "503 when the database is unreachable; `degraded` when a called service is.")
    public Response health() {
        HealthReport report = health.report();
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
