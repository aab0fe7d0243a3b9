package io.verity.identity.rest;

import io.verity.face.Analysis;
import io.verity.face.Face;
import io.verity.face.FaceEngine;
import io.verity.identity.service.GalleryIndexes;
import io.verity.identity.service.Matcher;
import io.verity.identity.service.TemplateService;
import io.verity.platform.error.ProblemException;
import io.verity.platform.security.Caller;
import io.verity.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A set of photos analysed together, each once (internal token): every photo's largest face with its liveness, pose
 * and attributes, the similarity of every pair of those faces, and optionally a 1:N search of one of them in a
 * gallery. idv-service's liveness step needs all of this for a document portrait and the camera frames; asking for it
 * photo by photo and pair by pair would analyse each photo several times. Embeddings never leave the matcher.
 */
@Path("/internal/v1/faces/analyze-set")
@RolesAllowed(Roles.INTERNAL)
@Tag(name = "Matcher (internal)")
@Produces(MediaType.APPLICATION_JSON)
public class InternalFaceSetResource {

    /** Most photos in one set. */
    static final int MAX_IMAGES = 8;

    @Inject
    Matcher matcher;

    @Inject
    GalleryIndexes indexes;

    @Inject
    TemplateService templates;

    @Inject
    Caller caller;

    public record SearchRequest(int index, String gallery, Integer k, Float threshold) {
    }

    /** Compare one photo's face with every live template of one subject of a gallery (1:1 against a known person). */
    public record VerifyRequest(int index, String gallery, String subjectId) {
    }

    public record SetBody(List<String> images, SearchRequest search, VerifyRequest verify) {
    }

    /**
     * The face of photo {@code index} against the subject's templates: the similarity to each template (oldest first),
     * the best of them, and the similarity to their aggregate (the normalised mean of the templates).
     * {@code templates} 0 means the subject has none (erased, or never enrolled): the similarities are null.
     */
    public record VerifyResult(int index, String subjectId, int templates, List<Float> similarities, Float bestSimilarity,
            Float aggregateSimilarity) {
    }

    /**
     * One photo: its largest face, or why it has none usable ({@code refusal}: no_face, face_too_small, ...).
     * {@code enrolmentRefusal} says why the face could not be enrolled (face_too_blurred, face_turned_too_far), null when
     * it could: a caller that will enrol the photo later can ask for another one now.
     */
    public record Entry(int index, int width, int height, int facesSeen, FaceViews.FaceView face, String refusal,
            String enrolmentRefusal) {
    }

    public record SetResult(List<Entry> images, List<List<Float>> similarities,
            InternalGalleryResource.SearchResult search, VerifyResult verify) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "internalAnalyzeFaceSet",
            summary = "Analyse up to 8 base64 photos (full detail), the similarity of each pair of their largest faces, "
                    + "and optionally search one of them (`search.index`) in a gallery, and compare one of them (`verify.index`) with "
                    + "every template of one subject (`verify.subject_id`)",
            description = "A photo without a usable face is answered with its `refusal` code, and null similarities; "
                    + "an unreadable photo refuses the whole set (415/413).")
    public SetResult analyze(SetBody body) {
        ProblemException.requireBody(body);
        List<String> images = body.images();
        if (images == null || images.isEmpty() || images.size() > MAX_IMAGES) {
            throw ProblemException.invalidField("images", "1 to " + MAX_IMAGES + " base64 images are required");
        }
        UUID clientId = caller.clientId();
        List<Entry> entries = new ArrayList<>(images.size());
        List<float[]> embeddings = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            byte[] image = ImageInput.fromBase64(images.get(i), "images[" + i + "]");
            try {
                Analysis analysis = matcher.analyze(clientId, image, FaceEngine.Detail.FULL);
                Face face = analysis.subject();
                entries.add(new Entry(i, analysis.width(), analysis.height(), analysis.faces().size(), FaceViews.of(face), null,
                        matcher.enrolmentRefusal(face)));
                embeddings.add(face.embedding());
            } catch (ProblemException e) {
                if (e.status() != 422) {
                    throw e;
                }
                entries.add(new Entry(i, 0, 0, 0, null, e.code(), null));
                embeddings.add(null);
            }
        }
        List<List<Float>> similarities = new ArrayList<>(images.size());
        for (float[] a : embeddings) {
            List<Float> row = new ArrayList<>(images.size());
            for (float[] b : embeddings) {
                row.add(a == null || b == null ? null : Matcher.similarity(a, b));
            }
            similarities.add(row);
        }
        InternalGalleryResource.SearchResult search = null;
        SearchRequest wanted = body.search();
        if (wanted != null) {
            if (wanted.index() < 0 || wanted.index() >= images.size()) {
                throw ProblemException.invalidField("search.index", "must name one of the images");
            }
            TemplateService.requireGallery(wanted.gallery());
            int k = wanted.k() == null ? 10 : wanted.k();
            if (k < 1 || k > 100) {
                throw ProblemException.invalidField("search.k", "must be between 1 and 100");
            }
            float min = Thresholds.orDefault(wanted.threshold(), matcher.defaultThreshold());
            float[] probe = embeddings.get(wanted.index());
            List<InternalGalleryResource.SearchHit> hits = probe == null ? List.of()
                    : indexes.search(clientId, wanted.gallery(), probe, k, min).stream()
                            .map(m -> new InternalGalleryResource.SearchHit(m.subjectId(), m.templateId(), m.similarity()))
                            .toList();
            search = new InternalGalleryResource.SearchResult(entries.get(wanted.index()).facesSeen(), min,
                    indexes.size(clientId, wanted.gallery()), hits);
        }
        VerifyResult verify = body.verify() == null ? null : verify(clientId, body.verify(), embeddings);
        return new SetResult(entries, similarities, search, verify);
    }

    private VerifyResult verify(UUID clientId, VerifyRequest wanted, List<float[]> embeddings) {
        if (wanted.index() < 0 || wanted.index() >= embeddings.size()) {
            throw ProblemException.invalidField("verify.index", "must name one of the images");
        }
        TemplateService.requireGallery(wanted.gallery());
        if (wanted.subjectId() == null || wanted.subjectId().isBlank() || wanted.subjectId().length() > 200) {
            throw ProblemException.invalidField("verify.subject_id", "is required, 1 to 200 characters");
        }
        List<float[]> references = templates.embeddingsOfSubject(clientId, wanted.gallery(), wanted.subjectId().strip());
        float[] probe = embeddings.get(wanted.index());
        if (probe == null || references.isEmpty()) {
            return new VerifyResult(wanted.index(), wanted.subjectId(), references.size(), List.of(), null, null);
        }
        List<Float> sims = references.stream().map(r -> Matcher.similarity(probe, r)).toList();
        float best = sims.stream().reduce(Float.NEGATIVE_INFINITY, Math::max);
        float[] mean = new float[probe.length];
        for (float[] r : references) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += r[i];
            }
        }
        double norm = 0;
        for (float v : mean) {
            norm += v * v;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < mean.length; i++) {
            mean[i] *= scale;
        }
        return new VerifyResult(wanted.index(), wanted.subjectId(), references.size(), sims, best,
                Matcher.similarity(probe, mean));
    }
}
