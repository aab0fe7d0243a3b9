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

    private SecuregateError(int status, String message, Map<String, Object> body) {
        super(message);
        this.status = status;
        this.body = body;
    }

    /** 422 on one parameter: {@code loc} is e.g. ["query", "image_url"], {@code type} e.g. "value_error.no_face". */
    public static SecuregateError validation(List<String> loc, String msg, String type) {
        return new SecuregateError(422, msg, Map.of("detail", List.of(Map.of("loc", loc, "msg", msg, "type", type))));
    }

    public static SecuregateError status(int status, String code, String detail, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", detail);
        body.put("code", code);
        body.putAll(extra);
        return new SecuregateError(status, detail, body);
    }

    static class Mapper {
        @ServerExceptionMapper
        public Response map(SecuregateError e) {
            return Response.status(e.status).type(MediaType.APPLICATION_JSON).entity(e.body).build();
        }
    }
}
