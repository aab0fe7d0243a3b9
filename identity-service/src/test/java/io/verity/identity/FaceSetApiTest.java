package io.verity.identity;

import static io.verity.identity.InternalCalls.asService;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.verity.testsupport.SharedData;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /internal/v1/faces/analyze-set: photos analysed together, pairwise similarities, an optional gallery search. */
@QuarkusTest
class FaceSetApiTest {

    @Inject
    TestTenants tenants;

    private static String b64(String face) {
        return Base64.getEncoder().encodeToString(SharedData.face(face));
    }

    @Test
    void analysesEachPhotoComparesEveryPairAndSearchesOne() {
        var client = tenants.create("face-set").clientId();
        asService(client).contentType("application/json")
                .body(Map.of("image", b64("obama/obama-1.jpg"), "subject_id", "obama"))
                .post("/internal/v1/galleries/people/templates").then().statusCode(201);
        String noFace = Base64.getEncoder().encodeToString(SharedData.face("obama/obama-partial-2.jpg"));
        asService(client).contentType("application/json")
                .body(Map.of("images", List.of(b64("obama/obama-2.jpg"), b64("obama/obama-4.jpg"), b64("biden/biden-1.jpg")),
                        "search", Map.of("index", 1, "gallery", "people")))
                .post("/internal/v1/faces/analyze-set").then().statusCode(200)
                .body("images", hasSize(3))
                .body("images[0].faces_seen", equalTo(1))
                .body("images[0].face.liveness.score", greaterThan(0.5f))
                .body("images[0].refusal", nullValue())
                .body("similarities[0][1]", greaterThan(0.5f))
                .body("similarities[1][0]", greaterThan(0.5f))
                .body("similarities[0][2]", lessThan(0.3f))
                .body("search.results[0].subject_id", equalTo("obama"));
        asService(client).contentType("application/json").body(Map.of("images", List.of()))
                .post("/internal/v1/faces/analyze-set").then().statusCode(400).body("field", equalTo("images"));
        asService(client).contentType("application/json").body(Map.of("images", List.of(noFace), "search",
                Map.of("index", 3, "gallery", "people")))
                .post("/internal/v1/faces/analyze-set").then().statusCode(400).body("field", equalTo("search.index"));
    }
}
