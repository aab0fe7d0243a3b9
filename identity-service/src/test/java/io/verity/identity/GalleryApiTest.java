package io.verity.identity;

import static io.verity.identity.InternalCalls.asService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.verity.identity.domain.Template;
import io.verity.identity.service.GalleryIndexes;
import io.verity.identity.service.TemplateService;
import io.verity.platform.crypto.BiometricCipher;
import io.verity.testsupport.SharedData;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Galleries: enrolment, 1:N search, deletion, tenant isolation, encryption at rest, replicas and restarts. */
@QuarkusTest
class GalleryApiTest {

    @Inject
    TestTenants tenants;

    @Inject
    GalleryIndexes indexes;

    @Inject
    TemplateService templateService;

    @Inject
    BiometricCipher cipher;

    @Inject
    AgroalDataSource dataSource;

    UUID client;

    @BeforeEach
    void tenant() {
        client = tenants.create("gallery").clientId();
    }

    private String enroll(UUID owner, String gallery, String subject, String photo) {
        return asService(owner).multiPart("image", "photo.jpg", SharedData.face(photo)).multiPart("subject_id", subject)
                .post("/internal/v1/galleries/{g}/templates", gallery).then().statusCode(201)
                .body("subject_id", equalTo(subject))
                .body("face.quality.face_size", greaterThan(40f))
                .extract().path("template_id");
    }

    private io.restassured.response.ValidatableResponse search(UUID owner, String gallery, String photo) {
        return asService(owner).multiPart("image", "probe.jpg", SharedData.face(photo))
                .post("/internal/v1/galleries/{g}/search", gallery).then().statusCode(200);
    }

    @Test
    void findsTheEnrolledPersonFromAnotherPhotoAndNobodyForAStranger() {
        enroll(client, "staff", "obama", "obama/obama-1.jpg");
        enroll(client, "staff", "biden", "biden/biden-1.jpg");
        enroll(client, "staff", "kit", "kit-harington/kit-harington-1.jpg");

        search(client, "staff", "obama/obama-4.jpg")
                .body("results", hasSize(1))
                .body("results[0].subject_id", equalTo("obama"))
                .body("results[0].similarity", greaterThan(0.41f))
                .body("gallery_size", equalTo(3))
                .body("faces_seen", equalTo(1));
        search(client, "staff", "rose-leslie/rose-leslie-1.jpg").body("results", empty());
    }

    @Test
    void photosThatWouldMakePoorTemplatesAreRefusedWithTheirReason() throws Exception {
        // defocus: two passes of a 15-pixel box blur, about a 3-pixel Gaussian on the 112-pixel aligned face
        BufferedImage sharp = ImageIO.read(SharedData.facePath("obama/obama-1.jpg").toFile());
        float[] box = new float[15 * 15];
        Arrays.fill(box, 1f / box.length);
        ConvolveOp blur = new ConvolveOp(new Kernel(15, 15, box), ConvolveOp.EDGE_NO_OP, null);
        BufferedImage blurred = blur.filter(blur.filter(bgr(sharp), null), null);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(blurred, "png", png);
        asService(client).multiPart("image", "blurred.png", png.toByteArray()).multiPart("subject_id", "x")
                .post("/internal/v1/galleries/staff/templates").then().statusCode(422)
                .body("code", equalTo("face_too_blurred"));
        // a face turned about 35 degrees away (faces-calibration, measured by the pose model)
        asService(client).multiPart("image", "turned.jpg",
                        Files.readAllBytes(SharedData.dir().resolve("faces-calibration/cf-e2e-person-h/cf-e2e-person-h-1.jpg")))
                .multiPart("subject_id", "x")
                .post("/internal/v1/galleries/staff/templates").then().statusCode(422)
                .body("code", equalTo("face_turned_too_far"));
        assertThat(indexes.size(client, "staff")).isZero();
    }

    /** A copy as 8-bit BGR, which ConvolveOp filters (the decoded JPEG may be another type). */
    private static BufferedImage bgr(BufferedImage source) {
        BufferedImage out = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        var g = out.createGraphics();
        g.drawImage(source, 0, 0, null);
        g.dispose();
        return out;
    }

    @Test
    void aPhotoWithSeveralFacesCannotBeEnrolled() {
        asService(client).multiPart("image", "group.jpg", SharedData.face("group/kit-with-rose.jpg")).multiPart("subject_id", "x")
                .post("/internal/v1/galleries/staff/templates").then().statusCode(422).body("code", equalTo("multiple_faces"));
    }

    @Test
    void galleriesOfOneClientAreInvisibleToAnother() {
        String templateId = enroll(client, "vip", "obama", "obama/obama-1.jpg");
        UUID other = tenants.create("other").clientId();

        search(other, "vip", "obama/obama-2.jpg").body("results", empty()).body("gallery_size", equalTo(0));
        asService(other).get("/internal/v1/galleries/vip/templates").then().statusCode(200)
                .body("templates", empty()).body("meta_counts.total", equalTo(0));
        asService(other).delete("/internal/v1/galleries/vip/templates/{id}", templateId).then().statusCode(404);
        // and the owner still has it
        search(client, "vip", "obama/obama-2.jpg").body("results[0].subject_id", equalTo("obama"));
    }

    @Test
    void deletedTemplatesAreNoLongerFoundAndTheirEmbeddingIsErased() throws Exception {
        String first = enroll(client, "door", "kit", "kit-harington/kit-harington-1.jpg");
        enroll(client, "door", "kit", "kit-harington/kit-harington-2.jpg");
        asService(client).get("/internal/v1/galleries/door/templates?subject_id=kit").then().body("templates", hasSize(2));

        asService(client).delete("/internal/v1/galleries/door/templates/{id}", first).then().statusCode(204);
        assertThat(storedEmbedding(UUID.fromString(first))).isNull();
        search(client, "door", "kit-harington/kit-harington-3.jpg").body("results", hasSize(1));

        asService(client).delete("/internal/v1/galleries/door/subjects/kit").then().statusCode(204);
        search(client, "door", "kit-harington/kit-harington-3.jpg").body("results", empty());
        asService(client).delete("/internal/v1/galleries/door/subjects/kit").then().statusCode(404);
    }

    @Test
    void templatesAreStoredEncryptedBoundToTheirRow() throws Exception {
        UUID id = UUID.fromString(enroll(client, "sealed", "rose", "rose-leslie/rose-leslie-1.jpg"));
        byte[] stored = storedEmbedding(id);
        float[] vector = templateService.embedding(client, id);
        byte[] plain = toBytes(vector);

        assertThat(stored).hasSize(1 + 12 + 512 * 4 + 16); // version, nonce, ciphertext, tag
        assertThat(indexOf(stored, java.util.Arrays.copyOf(plain, 16))).isEqualTo(-1);
        assertThat(vector).hasSize(512);
        // Bound to the row and the client: the same bytes do not open as another template or for another client.
        assertThatThrownBy(() -> cipher.decrypt(client, Template.cipherContext(UUID.randomUUID()), stored))
                .isInstanceOf(IllegalStateException.class);
        UUID other = tenants.create("thief").clientId();
        assertThatThrownBy(() -> cipher.decrypt(other, Template.cipherContext(id), stored))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTemplateWrittenByAnotherReplicaIsFoundWithinSeconds() throws Exception {
        // Another replica enrols: its row reaches the database without passing through this instance.
        float[] biden = templateService.embedding(client, UUID.fromString(enroll(client, "source", "biden", "biden/biden-2.jpg")));
        UUID id = UUID.randomUUID();
        byte[] sealed = cipher.encrypt(client, Template.cipherContext(id), toBytes(biden));
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO identity.templates (id, client_id, gallery, subject_id, embedding_enc, model, face_size, sharpness) "
                        + "VALUES (?, ?, 'replicated', 'biden', ?, ?, 200, 500)")) {
            insert.setObject(1, id);
            insert.setObject(2, client);
            insert.setBytes(3, sealed);
            insert.setString(4, Template.MODEL);
            insert.executeUpdate();
        }
        Instant start = Instant.now();
        while (indexes.size(client, "replicated") == 0 && Duration.between(start, Instant.now()).toSeconds() < 10) {
            Thread.sleep(200);
        }
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
        search(client, "replicated", "biden/biden-1.jpg").body("results[0].subject_id", equalTo("biden"));

        // ...and its deletion too.
        try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(
                "UPDATE identity.templates SET embedding_enc = NULL, deleted_at = now(), "
                        + "version = nextval('identity.template_version') WHERE id = ?")) {
            delete.setObject(1, id);
            delete.executeUpdate();
        }
        start = Instant.now();
        while (indexes.size(client, "replicated") > 0 && Duration.between(start, Instant.now()).toSeconds() < 10) {
            Thread.sleep(200);
        }
        assertThat(indexes.size(client, "replicated")).isZero();
    }

    @Test
    void aRestartRebuildsEveryGalleryFromTheDatabase() {
        enroll(client, "restart", "obama", "obama/obama-1.jpg");
        enroll(client, "restart", "rose", "rose-leslie/rose-leslie-1.jpg");
        String deleted = enroll(client, "restart", "kit", "kit-harington/kit-harington-1.jpg");
        asService(client).delete("/internal/v1/galleries/restart/templates/{id}", deleted).then().statusCode(204);

        indexes.rebuild(); // what start-up does: forget everything, read the database

        assertThat(indexes.size(client, "restart")).isEqualTo(2);
        search(client, "restart", "rose-leslie/rose-leslie-2.jpg").body("results[0].subject_id", equalTo("rose"));
        search(client, "restart", "kit-harington/kit-harington-2.jpg").body("results", empty());
    }

    @Test
    void badGalleryNamesAndParametersAreRefused() {
        asService(client).multiPart("image", "p.jpg", SharedData.face("obama/obama-1.jpg")).multiPart("subject_id", "x")
                .post("/internal/v1/galleries/Bad Name!/templates").then().statusCode(400).body("field", equalTo("gallery"));
        asService(client).multiPart("image", "p.jpg", SharedData.face("obama/obama-1.jpg"))
                .post("/internal/v1/galleries/staff/templates").then().statusCode(400).body("field", equalTo("subject_id"));
        asService(client).multiPart("image", "p.jpg", SharedData.face("obama/obama-1.jpg")).multiPart("k", "0")
                .post("/internal/v1/galleries/staff/search").then().statusCode(400).body("field", equalTo("k"));
        asService(client).multiPart("image", "p.jpg", SharedData.face("obama/obama-1.jpg")).multiPart("threshold", "3")
                .post("/internal/v1/galleries/staff/search").then().statusCode(400).body("field", equalTo("threshold"));
    }

    private byte[] storedEmbedding(UUID id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT embedding_enc FROM identity.templates WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }

    private static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
