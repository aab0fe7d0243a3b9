package io.verity.sessions.matcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

import io.verity.platform.error.ProblemException;
import io.verity.platform.security.InternalConfig;
import io.verity.platform.security.ServiceTokenFilter;
import io.verity.platform.security.ServiceTokens;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The matcher (identity-service's internal face API, internal token, on behalf of a client): a set of photos analysed
 * together, enrolment into a gallery and its undoing. Faces never leave as embeddings, only as scores. Calls are
 * blocking: use them from worker threads. One retry when nothing answers; a matcher that cannot be reached is a 503
 * {@code matcher_unavailable}; the matcher's own refusals (415, 413, 422) are passed on with its code.
 */
@Singleton
public class MatcherClient {

    private static final Logger LOG = Logger.getLogger(MatcherClient.class);

    /**
     * One photo of a set: its largest face, or the code saying why it has none; {@code enrolmentRefusal} says why the
     * face could not be enrolled (face_too_blurred, face_turned_too_far), null when it could.
     */
    public record FaceResult(int facesSeen, Float liveness, Float yaw, Float pitch, Float faceSize, Float sharpness,
            Float age, String gender, Float genderProbability, String refusal, String enrolmentRefusal) {

        public boolean hasFace() {
            return refusal == null;
        }
    }

    public record Hit(String subjectId, float similarity) {
    }

    /**
     * One photo's face against every template of one subject: the similarity to each, the best, and the similarity to
     * their aggregate (normalised mean); {@code templates} 0 when the subject has none.
     */
    public record Verification(int templates, List<Float> similarities, Float bestSimilarity, Float aggregateSimilarity) {
    }

    /** What to compare with a subject's templates: photo {@code index} against {@code subjectId} of {@code gallery}. */
    public record VerifyRequest(int index, String gallery, String subjectId) {
    }

    /**
     * The photos' faces, the similarity of each pair (null where a photo had no face), the gallery search's hits, and
     * the verification against a subject (null when none was asked).
     */
    public record FaceSet(List<FaceResult> faces, Float[][] similarities, List<Hit> hits, Verification verification) {

        public Float similarity(int a, int b) {
            return similarities[a][b];
        }
    }

    /** The audience of the ServiceAccount token the matcher (identity-service) accepts: its name. */
    static final String AUDIENCE = "identity-service";

    private final MatcherApi api;
    private final ServiceTokens serviceTokens;
    private final String token;
    private final ObjectMapper json;
    private final URI url;

    @Inject
    MatcherClient(MatcherSettings config, InternalConfig internal, ObjectMapper json) {
        this.url = URI.create(config.url());
        this.serviceTokens = ServiceTokens.of(internal);
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(url)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .register(new ServiceTokenFilter(serviceTokens, AUDIENCE))
                .build(MatcherApi.class);
        this.token = internal.token().filter(t -> !t.isBlank()).orElse(null);
        this.json = json;
    }

    /**
     * Analyses the photos (each once) and, when {@code searchIndex} is not null, searches that photo's face among the
     * client's {@code gallery} with the given minimum similarity.
     */
    public FaceSet analyzeSet(UUID clientId, List<byte[]> images, Integer searchIndex, String gallery, float threshold) {
        return analyzeSet(clientId, images, searchIndex, gallery, threshold, null);
    }

    /** As above, and compares one photo's face with every template of one subject ({@code verify}, when not null). */
    public FaceSet analyzeSet(UUID clientId, List<byte[]> images, Integer searchIndex, String gallery, float threshold,
            VerifyRequest verify) {
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("images");
        images.forEach(i -> list.add(Base64.getEncoder().encodeToString(i)));
        if (searchIndex != null) {
            body.putObject("search").put("index", searchIndex).put("gallery", gallery).put("k", 5).put("threshold", threshold);
        }
        if (verify != null) {
            body.putObject("verify").put("index", verify.index()).put("gallery", verify.gallery())
                    .put("subject_id", verify.subjectId());
        }
        JsonNode answer = call("analyze", () -> api.analyzeSet(token(), clientId.toString(), body.toString()));
        List<FaceResult> faces = new ArrayList<>();
        for (JsonNode entry : answer.path("images")) {
            JsonNode face = entry.path("face");
            if (face.isMissingNode() || face.isNull()) {
                faces.add(new FaceResult(entry.path("faces_seen").asInt(), null, null, null, null, null, null, null, null,
                        entry.path("refusal").asText("no_face"), null));
                continue;
            }
            JsonNode quality = face.path("quality");
            faces.add(new FaceResult(entry.path("faces_seen").asInt(), floatOrNull(face.path("liveness").path("score")),
                    floatOrNull(quality.path("yaw")), floatOrNull(quality.path("pitch")),
                    floatOrNull(quality.path("face_size")), floatOrNull(quality.path("sharpness")),
                    floatOrNull(face.path("age")), face.path("gender").path("value").asText(null),
                    floatOrNull(face.path("gender").path("probability")), null,
                    entry.path("enrolment_refusal").asText(null)));
        }
        int n = faces.size();
        Float[][] similarities = new Float[n][n];
        JsonNode rows = answer.path("similarities");
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                similarities[a][b] = floatOrNull(rows.path(a).path(b));
            }
        }
        List<Hit> hits = new ArrayList<>();
        for (JsonNode hit : answer.path("search").path("results")) {
            hits.add(new Hit(hit.path("subject_id").asText(), (float) hit.path("similarity").asDouble()));
        }
        Verification verification = null;
        JsonNode v = answer.path("verify");
        if (v.isObject()) {
            List<Float> sims = new ArrayList<>();
            v.path("similarities").forEach(x -> sims.add((float) x.asDouble()));
            verification = new Verification(v.path("templates").asInt(), sims, floatOrNull(v.path("best_similarity")),
                    floatOrNull(v.path("aggregate_similarity")));
        }
        return new FaceSet(faces, similarities, hits, verification);
    }

    /** What the matcher erased of an identity's faces: templates per gallery. */
    public record Erased(int templates, java.util.Map<String, Integer> galleries) {
    }

    /**
     * Erases every face template of an identity in every gallery (its own, and those of event attendees registered
     * from it); idempotent. A matcher that cannot be reached is a 503: the erasure is not done and must be retried.
     */
    public Erased eraseIdentity(UUID clientId, UUID identityId) {
        JsonNode answer = call("erase", () -> api.eraseIdentityFaces(token(), clientId.toString(), identityId.toString()));
        java.util.Map<String, Integer> galleries = new java.util.LinkedHashMap<>();
        answer.path("galleries").properties().forEach(e -> galleries.put(e.getKey(), e.getValue().asInt()));
        return new Erased(answer.path("templates").asInt(), galleries);
    }

    /** Enrols the one face of {@code image} into the client's {@code gallery} as {@code subjectId}. */
    public void enroll(UUID clientId, String gallery, String subjectId, byte[] image) {
        ObjectNode body = json.createObjectNode().put("image", Base64.getEncoder().encodeToString(image)).put("subject_id", subjectId);
        call("enrol", () -> api.enroll(token(), clientId.toString(), gallery, body.toString()));
    }

    /** Undoes an enrolment (when the transaction that needed it failed); failures are logged, not thrown. */
    public void forget(UUID clientId, String gallery, String subjectId) {
        try (Response response = api.deleteSubject(token(), clientId.toString(), gallery, subjectId)) {
            if (response.getStatus() != 204 && response.getStatus() != 404) {
                LOG.warnf("could not delete subject %s from gallery %s: matcher answered %d", subjectId, gallery,
                        response.getStatus());
            }
        } catch (ProcessingException e) {
            LOG.warnf("could not delete subject %s from gallery %s: matcher unreachable", subjectId, gallery);
        }
    }

    private JsonNode call(String what, Supplier<Response> request) {
        for (int attempt = 1; ; attempt++) {
            try (Response response = request.get()) {
                String body = response.hasEntity() ? response.readEntity(String.class) : "";
                int status = response.getStatus();
                if (status / 100 == 2) {
                    return body.isEmpty() ? json.createObjectNode() : json.readTree(body);
                }
                JsonNode problem = parseQuietly(body);
                String code = problem.path("code").asText("");
                if (status == 415 || status == 413 || status == 422 || status == 400) {
                    // the photo's fault: the caller's input
                    throw new ProblemException(status == 400 ? 422 : status, code.isEmpty() ? "image_refused" : code,
                            problem.path("detail").asText("the matcher refused an image"));
                }
                if (status == 503 && attempt < 2) {
                    pause();
                    continue;
                }
                LOG.errorf("matcher %s answered %d (%s) to %s", url, status, code, what);
                throw unavailable();
            } catch (ProcessingException e) {
                if (attempt < 2) {
                    pause();
                    continue;
                }
                LOG.errorf("matcher %s cannot be reached for %s: %s", url, what, e.getMessage());
                throw unavailable();
            } catch (IOException e) {
                LOG.errorf("matcher %s answered unreadable JSON to %s", url, what);
                throw unavailable();
            }
        }
    }

    private String token() {
        if (token == null && serviceTokens.configured()) {
            return null; // ServiceTokenFilter sends the ServiceAccount token
        }
        if (token == null) {
            LOG.error("verity.internal.token (VERITY_INTERNAL_TOKEN) is not set: the matcher cannot be called");
            throw unavailable();
        }
        return token;
    }

    private JsonNode parseQuietly(String body) {
        try {
            return body.isEmpty() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static Float floatOrNull(JsonNode node) {
        return node == null || !node.isNumber() ? null : (float) node.asDouble();
    }

    private static ProblemException unavailable() {
        return new ProblemException(503, "matcher_unavailable", "face matching is unavailable at the moment; retry later");
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
