package io.verity.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenApiRulesTest {

    private static String doc(String paths) {
        return """
                {"openapi":"3.0.3","info":{"title":"t","version":"1"},
                 "components":{"securitySchemes":{"ApiKeyAuth":{"type":"apiKey","in":"header","name":"x-api-key"}},
                   "schemas":{"Thing":{"type":"object","properties":{"id":{"type":"string"}}}}},
                 "paths":{%s}}""".formatted(paths);
    }

    private static final String TYPED = """
            "responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}}}""";

    @Test
    void aCleanDocumentHasNoProblems() {
        String d = doc("""
                "/things":{"get":{"operationId":"listThings","security":[{"ApiKeyAuth":[]}],%s},
                           "post":{"operationId":"createThing","requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}},
                                   "responses":{"201":{"description":"c","content":{"application/json":{"schema":{"type":"object"},"example":{"id":"x"}}}}}}},
                "/things/{id}":{"delete":{"operationId":"deleteThing","parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],
                                          "responses":{"204":{"description":"gone"}}}}""".formatted(TYPED));
        assertThat(OpenApiRules.problems(d)).isEmpty();
    }

    @Test
    void aRepeatedOperationIdIsAProblem() {
        String d = doc("""
                "/a":{"get":{"operationId":"list",%s}},
                "/b":{"get":{"operationId":"list",%s}}""".formatted(TYPED, TYPED));
        assertThat(OpenApiRules.problems(d))
                .contains("get /b: operationId 'list' is also used by get /a")
                .anyMatch(p -> p.startsWith("parser:") && p.contains("is repeated"));
    }

    @Test
    void anUntypedSuccessAMissingIdAndAnUndeclaredSchemeAreProblems() {
        String d = doc("""
                "/a":{"post":{"security":[{"Nope":[]}],"responses":{"201":{"description":"created"}}}},
                "/b":{"get":{"operationId":"b","responses":{"200":{"description":"ok","content":{"application/json":{}}}}}}""");
        assertThat(OpenApiRules.problems(d)).anyMatch(p -> p.contains("post /a: no operationId"))
                .anyMatch(p -> p.contains("post /a 201: success answer without a typed body"))
                .anyMatch(p -> p.contains("security scheme 'Nope' is not declared"))
                .anyMatch(p -> p.contains("get /b 200 application/json: no schema type"));
    }

    @Test
    void aDocumentThatDoesNotParseIsAProblem() {
        assertThat(OpenApiRules.problems("{\"openapi\":\"3.0.3\",\"paths\":{\"/a\":{\"get\":{\"responses\":17}}}}"))
                .anyMatch(p -> p.startsWith("parser:"));
    }
}
