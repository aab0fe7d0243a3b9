package io.verity.identity.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.verity.face.Analysis;
import io.verity.face.Face;
import io.verity.face.FaceEngine;
import io.verity.identity.service.GalleryIndexes;
import io.verity.identity.service.Matcher;
import io.verity.platform.identities.Identity;
import io.verity.platform.security.Caller;
import io.verity.platform.security.Roles;
import io.verity.platform.web.RequestIds;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Faceki's search-by-face: a selfie searched against the client's verified identities, so nobody onboards twice.
 * Answers in Faceki's envelope ({@code status, code, message, appVersion, result[]}), best match first, an empty
 * {@code result} when nobody matches. Each result carries what the identity's verification recorded; what Verity does
 * not know is null or empty, never made up.
 */
@Path("/api/v3/kyc_verification/search-by-face")
@RolesAllowed(Roles.CLIENT)
@SecurityRequirement(name = "ApiKeyAuth")
@Tag(name = "Search by face (Faceki)")
@Produces(MediaType.APPLICATION_JSON)
public class SearchByFaceResource {

    /** How many verified identities one search returns at most. */
    static final int MAX_RESULTS = 5;
    /** A selfie good enough to trust the search: face size (px) and sharpness at least these. */
    static final float GOOD_FACE_SIZE = 80;
    static final float GOOD_SHARPNESS = 50;

    @Inject
    Matcher matcher;

    @Inject
    GalleryIndexes indexes;

    @Inject
    Caller caller;

    @Inject
    RequestIds requestIds;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Search verified identities by face", description = "Multipart `selfie`. `document_face_match."
            + "similarity` is the cosine similarity × 100; `confidence` is 50 at the match threshold and tends to 100 "
            + "above it (logistic, scale 0.05).")
    public Map<String, Object> search(@RestForm("selfie") FileUpload selfie) {
        byte[] image = ImageInput.fromUpload(selfie, "selfie");
        UUID clientId = caller.clientId();
        Analysis analysis = matcher.analyze(image, FaceEngine.Detail.FULL);
        Face probe = analysis.subject();
        float threshold = matcher.defaultThreshold();
        List<GalleryIndexes.Match> matches = indexes.search(clientId, Identity.GALLERY, probe.embedding(), MAX_RESULTS, threshold);

        List<Map<String, Object>> results = new ArrayList<>();
        for (GalleryIndexes.Match match : matches) {
            Identity identity = QuarkusTransaction.requiringNew().call(() ->
                    Identity.ofClient(clientId, UUID.fromString(match.subjectId())).orElse(null));
            if (identity != null) {
                results.add(result(identity, match, probe, threshold));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", true);
        body.put("code", 200);
        body.put("message", "OK");
        body.put("appVersion", version);
        body.put("result", results);
        return body;
    }

    private Map<String, Object> result(Identity identity, GalleryIndexes.Match match, Face probe, float threshold) {
        boolean live = probe.liveness() != null && probe.liveness() >= FaceViews.LIVE_AT;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("link", null);
        r.put("record_identifier", identity.id.toString());
        r.put("requestId", requestIds.current());
        r.put("document_data", List.of(documentData(identity, match.similarity(), threshold)));
        r.put("selfie_data", Map.of("liveness_pass", live));
        r.put("warnings", List.of());
        r.put("notes", List.of());
        r.put("aml", List.of());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("face_verified", match.similarity() >= threshold);
        summary.put("selfie_liveness_verified", live);
        summary.put("document_verified", identity.verified);
        summary.put("verification_rules_passed", identity.verified);
        summary.put("document_liveness_verified", null);
        summary.put("image_quality", probe.quality().faceSize() >= GOOD_FACE_SIZE && probe.quality().sharpness() >= GOOD_SHARPNESS);
        r.put("verification_summary", summary);
        r.put("decision", identity.verified ? "ACCEPTED" : "DECLINED");
        r.put("errorCodes", List.of());
        r.put("createdAt", identity.createdAt == null ? null : identity.createdAt.toInstant().toString());
        r.put("updatedAt", identity.updatedAt == null ? null : identity.updatedAt.toInstant().toString());
        r.put("images", List.of());
        r.put("face_id", match.templateId().toString());
        return r;
    }

    private static Map<String, Object> documentData(Identity i, float similarity, float threshold) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("reference", i.documentNumber);
        d.put("full_name", i.fullName());
        d.put("first_name", i.firstName);
        d.put("last_name", i.lastName);
        d.put("middle_name", i.middleName);
        d.put("nationality", null);
        d.put("issuer", i.documentIssuingCountry);
        d.put("gender", i.gender == null ? null : i.gender.substring(0, 1).toUpperCase());
        d.put("age", i.birthDate == null ? null : String.valueOf(Period.between(i.birthDate, LocalDate.now()).getYears()));
        d.put("expiry", i.documentExpiresAt == null ? null : i.documentExpiresAt.toString());
        d.put("document_number", i.documentNumber);
        d.put("document_type", i.documentType);
        d.put("date_of_birth", i.birthDate == null ? null : DateTimeFormatter.ISO_LOCAL_DATE.format(i.birthDate));
        Map<String, Object> faceMatch = new LinkedHashMap<>();
        faceMatch.put("similarity", Math.max(0, similarity) * 100);
        faceMatch.put("confidence", 100 / (1 + Math.exp(-(similarity - threshold) / 0.05)));
        d.put("document_face_match", faceMatch);
        d.put("passed", i.verified && similarity >= threshold);
        return d;
    }
}
