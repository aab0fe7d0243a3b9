package io.verity.identity;

import static io.restassured.RestAssured.given;
import static io.verity.identity.InternalCalls.asService;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.verity.testsupport.SharedData;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The matcher's 1:1 API: analyse and compare, with every refusal a caller can meet. */
@QuarkusTest
class FaceApiTest {

    @Inject
    TestTenants tenants;

    UUID client;

    @BeforeEach
    void tenant() {
        client = tenants.create("faces").clientId();
    }

    @Test
    void analysesEveryFaceWithQualityLivenessAndEstimates() {
        asService(client).multiPart("image", "obama.jpg", SharedData.face("obama/obama-1.jpg"))
                .post("/internal/v1/faces/analyze").then().statusCode(200)
                .body("faces_seen", equalTo(1))
                .body("width", equalTo(910))
                .body("faces[0].box.x2", greaterThan(0f))
                .body("faces[0].detector_score", greaterThan(0.9f))
                .body("faces[0].landmarks", hasSize(68))
                .body("faces[0].quality.face_size", greaterThan(100f))
                .body("faces[0].quality.sharpness", greaterThan(0f))
                .body("faces[0].quality.yaw", notNullValue())
                .body("faces[0].quality.left_eye_open", notNullValue())
                .body("faces[0].liveness.score", both(greaterThanOrEqualTo(0f)).and(lessThan(1.0001f)))
                .body("faces[0].age", greaterThan(18f))
                .body("faces[0].gender.value", equalTo("male"))
                .body("faces[0].expression.value", notNullValue());
    }

    @Test
    void acceptsBase64JsonAndDataUrlsAsWellAsMultipart() {
        String dataUrl = "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(SharedData.face("biden/biden-1.jpg"));
        asService(client).contentType(ContentType.JSON).body(Map.of("image", dataUrl))
                .post("/internal/v1/faces/analyze?detail=match").then().statusCode(200)
                .body("faces_seen", equalTo(1))
                .body("faces[0].liveness", org.hamcrest.Matchers.nullValue());
        asService(client).contentType(ContentType.JSON).body(Map.of("image", "@@not base64@@"))
                .post("/internal/v1/faces/analyze").then().statusCode(400)
                .body("code", equalTo("invalid_field")).body("field", equalTo("image"));
    }

    @Test
    void aGroupPhotoReportsEveryFace() {
        asService(client).multiPart("image", "group.jpg", SharedData.face("group/obama-and-biden.jpg"))
                .post("/internal/v1/faces/analyze?detail=match").then().statusCode(200)
                .body("faces_seen", greaterThanOrEqualTo(2));
    }

    @Test
    void refusesAPhotoWithoutAFace() {
        asService(client).multiPart("image", "landscape.png", landscape())
                .post("/internal/v1/faces/analyze").then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("no_face"));
    }

    @Test
    void refusesAFaceTooSmallToUse() throws Exception {
        BufferedImage original = ImageIO.read(SharedData.facePath("obama/obama-1.jpg").toFile());
        BufferedImage tiny = new BufferedImage(original.getWidth() / 6, original.getHeight() / 6, BufferedImage.TYPE_3BYTE_BGR);
        var g = tiny.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(original, 0, 0, tiny.getWidth(), tiny.getHeight(), null);
        g.dispose();
        asService(client).multiPart("image", "tiny.png", png(tiny))
                .post("/internal/v1/faces/analyze").then().statusCode(422).body("code", equalTo("face_too_small"));
    }

    @Test
    void refusesContentThatIsNotAnImageWhateverItIsCalled() {
        asService(client).multiPart("image", "photo.jpg", "<html>hello</html>".getBytes(), "image/jpeg")
                .post("/internal/v1/faces/analyze").then().statusCode(415).body("code", equalTo("unsupported_format"));
    }

    @Test
    void refusesAnImageOverTheByteLimit() {
        byte[] huge = new byte[16 * 1024 * 1024];
        new Random(1).nextBytes(huge);
        huge[0] = (byte) 0xFF;
        huge[1] = (byte) 0xD8;
        huge[2] = (byte) 0xFF;
        asService(client).multiPart("image", "huge.jpg", huge)
                .post("/internal/v1/faces/analyze").then().statusCode(413).body("code", equalTo("too_large"));
    }

    @Test
    void comparesTwoPhotos() {
        asService(client).multiPart("image_a", "a.jpg", SharedData.face("kit-harington/kit-harington-1.jpg"))
                .multiPart("image_b", "b.jpg", SharedData.face("kit-harington/kit-harington-2.jpg"))
                .post("/internal/v1/faces/compare").then().statusCode(200)
                .body("match", equalTo(true))
                .body("similarity", greaterThan(0.45f))
                .body("threshold", equalTo(0.41f));
        asService(client).multiPart("image_a", "a.jpg", SharedData.face("kit-harington/kit-harington-1.jpg"))
                .multiPart("image_b", "b.jpg", SharedData.face("rose-leslie/rose-leslie-1.jpg"))
                .post("/internal/v1/faces/compare").then().statusCode(200)
                .body("match", equalTo(false))
                .body("similarity", lessThan(0.25f));
    }

    @Test
    void comparesAPhotoWithAStoredTemplateOfTheSameClientOnly() {
        String templateId = asService(client).multiPart("image", "a.jpg", SharedData.face("obama/obama-2.jpg"))
                .multiPart("subject_id", "obama")
                .post("/internal/v1/galleries/compare-test/templates").then().statusCode(201)
                .extract().path("template_id");
        String image = Base64.getEncoder().encodeToString(SharedData.face("obama/obama-3.jpg"));
        asService(client).contentType(ContentType.JSON).body(Map.of("image", image, "template_id", templateId))
                .post("/internal/v1/faces/compare").then().statusCode(200)
                .body("match", equalTo(true)).body("template_id", equalTo(templateId));

        UUID stranger = tenants.create("stranger").clientId();
        asService(stranger).contentType(ContentType.JSON).body(Map.of("image", image, "template_id", templateId))
                .post("/internal/v1/faces/compare").then().statusCode(404);
    }

    @Test
    void onlyOtherServicesMayCallTheMatcher() {
        given().multiPart("image", "a.jpg", SharedData.face("obama/obama-1.jpg"))
                .post("/internal/v1/faces/analyze").then().statusCode(401);
        given().header("x-internal-token", "wrong").header("x-verity-client-id", client.toString())
                .multiPart("image", "a.jpg", SharedData.face("obama/obama-1.jpg"))
                .post("/internal/v1/faces/analyze").then().statusCode(401);
        given().header("x-internal-token", InternalCalls.TOKEN)
                .multiPart("image", "a.jpg", SharedData.face("obama/obama-1.jpg"))
                .post("/internal/v1/faces/analyze").then().statusCode(401);
        given().header("x-api-key", tenants.create("key-holder").apiKey())
                .multiPart("image", "a.jpg", SharedData.face("obama/obama-1.jpg"))
                .post("/internal/v1/faces/analyze").then().statusCode(403);
    }

    private static byte[] landscape() {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        var g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.CYAN, 640, 480, new Color(30, 90, 20)));
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        return png(image);
    }

    private static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
