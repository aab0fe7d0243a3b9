package io.verity.identity.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * An error of the Securegate endpoint, in that API's (FastAPI's) shapes: 422 is {@code HTTPValidationError}
 * ({@code {"detail":[{"loc":[...],"msg":"...","type":"..."}]}}), other statuses {@code {"detail":"...", ...}}.
 */
public class SecuregateError extends RuntimeException {

    private final int status;
    private final transient Map<String, Object> body;
    private final Integer retryAfter;

    private SecuregateError(int status, String message, Map<String, Object> body, Integer retryAfter) {
        super(message);
        this.status = status;
        this.body = body;
        this.retryAfter = retryAfter;
    }

    /** One invalid parameter: {@code loc} is e.g. ["query", "image_url"], {@code type} e.g. "value_error.no_face". */
    public record Invalid(List<String> loc, String msg, String type) {
    }

    /** 422 on one parameter. */
    public static SecuregateError validation(List<String> loc, String msg, String type) {
        return validation(List.of(new Invalid(loc, msg, type)));
    }

    /** 422 listing every invalid parameter together, as FastAPI does. */
    public static SecuregateError validation(List<Invalid> invalid) {
        List<Map<String, Object>> detail = invalid.stream()
                .map(i -> Map.<String, Object>of("loc", i.loc(), "msg", i.msg(), "type", i.type())).toList();
        return new SecuregateError(422, invalid.get(0).msg(), Map.of("detail", detail), null);
    }

    /** 429 in the non-validation shape, with {@code Retry-After}. */
    public static SecuregateError tooManyRequests(String code, String detail, int retryAfterSeconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", detail);
        body.put("code", code);
        body.put("retry_after", retryAfterSeconds);
        return new SecuregateError(429, detail, body, retryAfterSeconds);
    }

    public static SecuregateError status(int status, String code, String detail, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", detail);
        body.put("code", code);
        body.putAll(extra);
        return new SecuregateError(status, detail, body, null);
    }

    static class Mapper {
        @ServerExceptionMapper
        public Response map(SecuregateError e) {
            Response.ResponseBuilder response = Response.status(e.status).type(MediaType.APPLICATION_JSON).entity(e.body);
            return (e.retryAfter == null ? response : response.header("Retry-After", e.retryAfter)).build();
        }
    }
}
