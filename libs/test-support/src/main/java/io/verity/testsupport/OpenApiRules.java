package io.verity.testsupport;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What generated clients and API gateways need from an OpenAPI document, checked with swagger-parser (the parser
 * openapi-generator runs): the document parses and resolves without messages; every operation has an operationId,
 * unique in the document; every success answer that has a body says its type (a schema with a type or a
 * {@code $ref}) and carries an example (inline, or through a named component schema); request bodies are typed too; every security requirement names a
 * declared scheme.
 */
public final class OpenApiRules {

    private OpenApiRules() {
    }

    /** The problems of the document, one line each; empty when tools can rely on it. */
    public static List<String> problems(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        List<String> problems = new ArrayList<>();
        if (result.getMessages() != null) {
            result.getMessages().forEach(m -> problems.add("parser: " + m));
        }
        OpenAPI api = result.getOpenAPI();
        if (api == null) {
            problems.add("parser: no document");
            return problems;
        }
        Set<String> schemes = api.getComponents() == null || api.getComponents().getSecuritySchemes() == null
                ? Set.of() : api.getComponents().getSecuritySchemes().keySet();
        Map<String, String> ids = new HashMap<>();
        if (api.getPaths() == null) {
            return problems;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String where = method.name().toLowerCase(java.util.Locale.ROOT) + " " + path;
            String id = op.getOperationId();
            if (id == null || id.isBlank()) {
                problems.add(where + ": no operationId");
            } else if (ids.putIfAbsent(id, where) != null) {
                problems.add(where + ": operationId '" + id + "' is also used by " + ids.get(id));
            }
            checkResponses(where, op, problems);
            checkRequest(where, op, problems);
            if (op.getSecurity() != null) {
                op.getSecurity().forEach(req -> req.keySet().stream().filter(s -> !schemes.contains(s))
                        .forEach(s -> problems.add(where + ": security scheme '" + s + "' is not declared")));
            }
        }));
        return problems;
    }

    private static void checkResponses(String where, Operation op, List<String> problems) {
        if (op.getResponses() == null || op.getResponses().isEmpty()) {
            problems.add(where + ": no responses");
            return;
        }
        op.getResponses().forEach((status, response) -> {
            if (!status.startsWith("2") || "204".equals(status)) {
                return;
            }
            checkContent(where + " " + status, response, problems);
        });
    }

    private static void checkContent(String where, ApiResponse response, List<String> problems) {
        if (response.getContent() == null || response.getContent().isEmpty()) {
            problems.add(where + ": success answer without a typed body");
            return;
        }
        response.getContent().forEach((type, media) -> {
            if (!typed(media.getSchema())) {
                problems.add(where + " " + type + ": no schema type");
            }
            if (!exemplified(media)) {
                problems.add(where + " " + type + ": no example");
            }
        });
    }

    private static void checkRequest(String where, Operation op, List<String> problems) {
        if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
            return;
        }
        op.getRequestBody().getContent().forEach((type, media) -> {
            if (!typed(media.getSchema())) {
                problems.add(where + " request " + type + ": no schema type");
            }
        });
    }

    private static boolean typed(Schema<?> schema) {
        if (schema == null) {
            return false;
        }
        if (schema.get$ref() != null || schema.getType() != null
                || (schema.getTypes() != null && !schema.getTypes().isEmpty())) {
            return true;
        }
        return schema.getAllOf() != null || schema.getOneOf() != null || schema.getAnyOf() != null;
    }

    private static boolean exemplified(MediaType media) {
        if (media.getSchema() != null && "binary".equals(media.getSchema().getFormat())) {
            return true; // a file: there is nothing to show inline
        }
        if (media.getExample() != null || (media.getExamples() != null && !media.getExamples().isEmpty())) {
            return true;
        }
        Schema<?> schema = media.getSchema();
        return schema != null && (schema.getExample() != null || schema.get$ref() != null
                || (schema.getItems() != null && schema.getItems().get$ref() != null));
    }
}
