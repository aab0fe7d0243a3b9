package io.verity.platform.error;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of every error Verity answers (RFC 7807), with the request id an operator can grep for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "code", "request_id"})
@Schema(name = "Problem", description = "RFC 7807 problem details; extra members (such as `field`) depend on `code`.")
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);
    private static final String TYPE_BASE = "https://verity.io/problems/";

    @Schema(examples = "https://verity.io/problems/not_found")
    public final String type;
    @Schema(examples = "Not Found")
    public final String title;
    @Schema(examples = "404")
    public final int status;
    @Schema(examples = "event was not found")
    public final String detail;
    @Schema(examples = "/events/0b6c1c52-5a5e-4f0e-9d59-3f3b8d8a2f11")
    public final String instance;
    @Schema(description = "Stable machine-readable reason", examples = "not_found")
    public final String code;
    @JsonProperty("request_id")
    @Schema(description = "Also in the X-Request-Id response header and in the service's log lines")
    public final String requestId;

    private final Map<String, Object> extensions;

    public Problem(int status, String code, String detail, String instance, String requestId,
            Map<String, Object> extensions) {
        Response.Status known = Response.Status.fromStatusCode(status);
        this.type = TYPE_BASE + code;
        this.title = known == null ? "HTTP " + status : known.getReasonPhrase();
        this.status = status;
        this.detail = detail;
        this.instance = instance;
        this.code = code;
        this.requestId = requestId;
        this.extensions = new LinkedHashMap<>(extensions);
    }

    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions;
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(this).build();
    }
}
