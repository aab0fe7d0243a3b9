package io.verity.platform.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.verity.platform.web.RequestIds;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become HTTP answers: every error is RFC 7807 problem+json with the request id.
 * Known failures keep their status; anything unexpected is a 500, logged once here, never with a stack trace in the body.
 */
public class ProblemExceptionMapper {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMapper.class);

    @Inject
    RequestIds requestIds;

    @Inject
    UriInfo uriInfo;

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        if (e instanceof io.verity.platform.net.OutboundRefusedException refused) {
            // One code and one sentence for every refused URL; the reason is in the log under the request id.
            return build(422, io.verity.platform.net.OutboundRefusedException.PUBLIC_CODE, refused.publicMessage(),
                    Map.of("field", refused.field()));
        }
        Response response = build(e.status(), e.code(), e.getMessage(), e.extensions());
        return e instanceof TooManyRequestsException limited
                ? Response.fromResponse(response).header("Retry-After", limited.retryAfterSeconds()).build()
                : response;
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", fieldName(v), "message", v.getMessage()))
                .toList();
        String first = errors.isEmpty() ? "invalid request" : errors.get(0).get("field") + ": " + errors.get(0).get("message");
        return build(400, "invalid_field", first, Map.of("errors", errors));
    }

    @ServerExceptionMapper({MismatchedInputException.class, JsonProcessingException.class})
    public Response unreadableJson(JsonProcessingException e) {
        String field = e instanceof MismatchedInputException mismatch ? pathOf(mismatch) : null;
        String detail = field == null ? "the request body is not valid JSON" : field + ": has the wrong type";
        return build(400, field == null ? "malformed_body" : "invalid_field", detail,
                field == null ? Map.of() : Map.of("field", field));
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e) {
        String detail = e instanceof AuthenticationFailedException && e.getMessage() != null
                ? e.getMessage() : "credentials are missing: send an x-api-key header or an Authorization bearer token";
        return build(401, "unauthenticated", detail, Map.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return build(403, "forbidden", "the caller's role does not allow this operation", Map.of());
    }

    @ServerExceptionMapper
    public Response identityProviderDown(OIDCException e) {
        LOG.warnf("the OIDC provider could not be reached: %s", e.getMessage());
        return build(503, "identity_provider_unavailable",
                "the identity provider that checks bearer tokens cannot be reached; try again later", Map.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableJson(unreadable);
        }
        if (status >= 500) {
            return unexpected(e);
        }
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            default -> "bad_request";
        };
        // RESTEasy's and Vert.x's messages describe the framework, not the request: each status gets its own sentence.
        String detail = switch (status) {
            case 404 -> "no such resource: " + uriInfo.getPath();
            case 405 -> "this path does not accept the method";
            case 406 -> "none of the accepted media types can be produced";
            case 413 -> "the request body is larger than this endpoint accepts";
            case 415 -> "this endpoint does not accept the request's content type";
            default -> "the request cannot be read";
        };
        LOG.debugf("%d on %s: %s", status, uriInfo.getPath(), e.getMessage());
        return build(status, code, detail, Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (e.getClass() == RuntimeException.class && e.getMessage() != null && e.getMessage().startsWith("Param limit of")) {
            // RESTEasy Reactive's form parser refuses more than 1,000 parts with a bare RuntimeException: the
            // caller's request is too large, not a fault of the service.
            return build(413, "too_many_parts", "the request has more form fields or parts than any endpoint accepts",
                    Map.of());
        }
        LOG.errorf("unexpected %s on %s: %s", e.getClass().getName(), uriInfo.getPath(), e.getMessage());
        LOG.debug("stack trace of the unexpected error", e);
        return build(500, "internal_error", "an unexpected error occurred; quote the request id to an operator", Map.of());
    }

    private Response build(int status, String code, String detail, Map<String, Object> extensions) {
        return new Problem(status, code, detail, uriInfo.getPath(), requestIds.current(), extensions).toResponse();
    }

    private static String fieldName(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        // "update.body.onboardingFaceEncodingTolerance" -> the last node, named as the caller sent it (snake_case JSON).
        int dot = path.lastIndexOf('.');
        String node = dot < 0 ? path : path.substring(dot + 1);
        return node.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String pathOf(MismatchedInputException e) {
        if (e.getPath().size() > 16) {
            return null; // a path this deep is not one of Verity's fields: the body is malformed
        }
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse(null);
    }
}
