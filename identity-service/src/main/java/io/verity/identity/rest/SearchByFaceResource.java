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
import jakarta.ws.rs.HeaderParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
    @Operation(operationId = "searchByFace", summary = "Search verified identities by face", description = "Multipart `selfie`. `document_face_match."
            + "similarity` is the cosine similarity × 100; `confidence` is 50 at the match threshold and tends to 100 "
            + "above it (logistic, scale 0.05). Fields Verity does not know (nationality, issue date, MRZ, local name) are null.")
    @APIResponse(responseCode = "200", description = "Faceki's envelope; `result` is empty when nobody matches",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
                    examples = @ExampleObject(name = "match", value = EXAMPLE)))
    public Map<String, Object> search(@RestForm("selfie") @Schema(type = SchemaType.STRING, format = "binary") FileUpload selfie,
            @HeaderParam("User-Agent") String userAgent) {
        byte[] image = ImageInput.fromUpload(selfie, "selfie");
        UUID clientId = caller.clientId();
        Analysis analysis = matcher.analyze(clientId, image, FaceEngine.Detail.FULL);
        Face probe = analysis.subject();
        float threshold = matcher.defaultThreshold();
        List<GalleryIndexes.Match> matches = indexes.search(clientId, Identity.GALLERY, probe.embedding(), MAX_RESULTS, threshold);

        List<Map<String, Object>> results = new ArrayList<>();
        for (GalleryIndexes.Match match : matches) {
            Identity identity = QuarkusTransaction.requiringNew().call(() ->
                    Identity.ofClient(clientId, UUID.fromString(match.subjectId())).orElse(null));
            if (identity != null) {
                results.add(result(identity, match, probe, threshold, userAgent));
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

    private Map<String, Object> result(Identity identity, GalleryIndexes.Match match, Face probe, float threshold,
            String userAgent) {
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
        r.put("document_data_confidence", List.of(confidence(identity)));
        r.put("decision", identity.verified ? "ACCEPTED" : "DECLINED");
        r.put("errorCodes", List.of());
        r.put("deviceDetails", deviceDetails(userAgent));
        r.put("createdAt", identity.createdAt == null ? null : identity.createdAt.toInstant().toString());
        r.put("updatedAt", identity.updatedAt == null ? null : identity.updatedAt.toInstant().toString());
        r.put("__v", 0);
        r.put("images", List.of()); // Verity keeps no document or selfie images with an identity that it could serve
        r.put("face_id", match.templateId().toString());
        r.put("updateBy", null);
        return r;
    }

    private static Map<String, Object> documentData(Identity i, float similarity, float threshold) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("reference", i.documentNumber);
        d.put("full_name", i.fullName());
        d.put("first_name", i.firstName);
        d.put("last_name", i.lastName);
        d.put("local_name", null);
        d.put("middle_name", i.middleName);
        // Nationality is not read from documents by Verity; the issuer is the document's issuing country.
        d.put("nationality", null);
        d.put("nationality_iso", null);
        d.put("nationality_iso2", null);
        Country issuer = Country.of(i.documentIssuingCountry);
        d.put("issuer", issuer == null ? i.documentIssuingCountry : issuer.name());
        d.put("issuer_iso", issuer == null ? null : issuer.alpha2());
        d.put("issuer_iso2", issuer == null ? null : issuer.alpha3());
        d.put("gender", i.gender == null ? null : i.gender.substring(0, 1).toUpperCase());
        d.put("dob", iso(i.birthDate));
        d.put("age", i.birthDate == null ? null : String.valueOf(Period.between(i.birthDate, LocalDate.now()).getYears()));
        d.put("expiry", iso(i.documentExpiresAt));
        d.put("expiryDay", part(i.documentExpiresAt, "dd"));
        d.put("expiryMonth", part(i.documentExpiresAt, "MM"));
        d.put("expiryYear", part(i.documentExpiresAt, "yyyy"));
        d.put("issued", null); // the issue date is not kept
        d.put("issuedDay", null);
        d.put("issuedMonth", null);
        d.put("issuedYear", null);
        d.put("documentAdditionalNumber", null);
        d.put("document_number", i.documentNumber);
        d.put("document_type", documentCode(i.documentType));
        d.put("document_type_full", documentName(i.documentType));
        d.put("mrz", null); // the MRZ text is not kept with an identity
        d.put("date_of_birth", iso(i.birthDate));
        d.put("date_of_birth_day", part(i.birthDate, "dd"));
        d.put("date_of_birth_month", part(i.birthDate, "MM"));
        d.put("date_of_birth_year", part(i.birthDate, "yyyy"));
        Map<String, Object> faceMatch = new LinkedHashMap<>();
        faceMatch.put("similarity", Math.max(0, similarity) * 100);
        faceMatch.put("confidence", 100 / (1 + Math.exp(-(similarity - threshold) / 0.05)));
        d.put("document_face_match", faceMatch);
        d.put("passed", i.verified && similarity >= threshold);
        return d;
    }

    /**
     * Faceki's per-field confidence: Verity's values come from a verification that checked them, so a field with a
     * value of a verified identity is 1, a field without a value (or of an unverified identity) 0.
     */
    private static Map<String, Object> confidence(Identity i) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("reference", i.documentNumber);
        String[][] fields = {
            {"full_name", i.fullName()}, {"first_name", i.firstName}, {"local_name", null}, {"last_name", i.lastName},
            {"middle_name", i.middleName}, {"nationality", null}, {"nationality_iso", null}, {"nationality_iso2", null},
            {"issuer", i.documentIssuingCountry}, {"issuer_iso", i.documentIssuingCountry}, {"issuer_iso2", i.documentIssuingCountry},
            {"gender", i.gender}, {"dob", iso(i.birthDate)}, {"age", iso(i.birthDate)}, {"expiry", iso(i.documentExpiresAt)},
            {"expiryDay", iso(i.documentExpiresAt)}, {"expiryMonth", iso(i.documentExpiresAt)}, {"expiryYear", iso(i.documentExpiresAt)},
            {"issued", null}, {"issuedDay", null}, {"issuedMonth", null}, {"issuedYear", null},
            {"documentAdditionalNumber", null}, {"placeOfBirth", null}, {"document_number", i.documentNumber},
            {"personal_number", null}, {"document_type", i.documentType}, {"document_type_full", i.documentType},
            {"mrz", null}, {"date_of_birth", iso(i.birthDate)}, {"date_of_birth_day", iso(i.birthDate)},
            {"date_of_birth_month", iso(i.birthDate)}, {"date_of_birth_year", iso(i.birthDate)}};
        for (String[] f : fields) {
            c.put(f[0], i.verified && f[1] != null && !f[1].isBlank() ? 1.0 : 0.0);
        }
        return c;
    }

    /** Faceki's {@code deviceDetails}, from the caller's User-Agent; device fields are unknown (empty, as Faceki sends them). */
    private static Map<String, Object> deviceDetails(String userAgent) {
        Map<String, Object> client = new LinkedHashMap<>();
        java.util.regex.Matcher m = userAgent == null ? null
                : java.util.regex.Pattern.compile("^([A-Za-z0-9._ -]{1,50}?)/([A-Za-z0-9._-]{1,30})").matcher(userAgent.strip());
        boolean known = m != null && m.find();
        client.put("type", known ? "library" : null);
        client.put("name", known ? m.group(1) : null);
        client.put("version", known ? m.group(2) : null);
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("id", "");
        device.put("type", "");
        device.put("brand", "");
        device.put("model", "");
        Map<String, Object> detect = new LinkedHashMap<>();
        detect.put("client", client);
        detect.put("device", device);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("useragent", userAgent == null ? null : userAgent.length() > 300 ? userAgent.substring(0, 300) : userAgent);
        details.put("detectResult", detect);
        return details;
    }

    private static String iso(LocalDate date) {
        return date == null ? null : DateTimeFormatter.ISO_LOCAL_DATE.format(date);
    }

    private static String part(LocalDate date, String pattern) {
        return date == null ? null : DateTimeFormatter.ofPattern(pattern).format(date);
    }

    /** The ICAO 9303 document code (MRZ's first letter) of Verity's document types. */
    static String documentCode(String type) {
        return type == null ? null : switch (type) {
            case "passport", "passport_card" -> "P";
            case "identification_card" -> "I";
            case "driver_license" -> "D";
            default -> null;
        };
    }

    static String documentName(String type) {
        return type == null ? null : switch (type) {
            case "passport" -> "Passport";
            case "passport_card" -> "Passport Card";
            case "identification_card" -> "Identity Card";
            case "driver_license" -> "Driving License";
            default -> null;
        };
    }

    /** A country by ISO 3166 alpha-2 or alpha-3 code, with its English name. */
    record Country(String name, String alpha2, String alpha3) {
        static Country of(String code) {
            if (code == null || code.isBlank()) {
                return null;
            }
            String c = code.strip().toUpperCase(java.util.Locale.ROOT);
            for (String alpha2 : java.util.Locale.getISOCountries()) {
                java.util.Locale country = java.util.Locale.of("", alpha2);
                if (alpha2.equals(c) || country.getISO3Country().equals(c)) {
                    return new Country(country.getDisplayCountry(java.util.Locale.ENGLISH), alpha2, country.getISO3Country());
                }
            }
            return null;
        }
    }

    static final String EXAMPLE = """
            {"status":true,"code":200,"message":"OK","appVersion":"0.1.0","result":[{"link":null,\
            "record_identifier":"5c0f7a10-5f44-4c8e-9a52-6f4f2f3f9c11","requestId":"3f0c2a1e-7d1b-4a51-9c1e-2b9d7e4f5a60",\
            "document_data":[{"reference":"X1234567","full_name":"JOHN DOE","first_name":"JOHN","last_name":"DOE",\
            "local_name":null,"middle_name":null,"nationality":null,"nationality_iso":null,"nationality_iso2":null,\
            "issuer":"Bahrain","issuer_iso":"BH","issuer_iso2":"BHR","gender":"M","dob":"1985-07-15","age":"40",\
            "expiry":"2028-05-28","expiryDay":"28","expiryMonth":"05","expiryYear":"2028","issued":null,"issuedDay":null,\
            "issuedMonth":null,"issuedYear":null,"documentAdditionalNumber":null,"document_number":"X1234567",\
            "document_type":"I","document_type_full":"Identity Card","mrz":null,"date_of_birth":"1985-07-15",\
            "date_of_birth_day":"15","date_of_birth_month":"07","date_of_birth_year":"1985",\
            "document_face_match":{"similarity":71.2,"confidence":99.9},"passed":true}],\
            "selfie_data":{"liveness_pass":true},"warnings":[],"notes":[],"aml":[],"verification_summary":\
            {"face_verified":true,"selfie_liveness_verified":true,"document_verified":true,"verification_rules_passed":true,\
            "document_liveness_verified":null,"image_quality":true},"document_data_confidence":[{"reference":"X1234567",\
            "full_name":1.0,"first_name":1.0,"mrz":0.0}],"decision":"ACCEPTED","errorCodes":[],"deviceDetails":\
            {"useragent":"PostmanRuntime/7.36.1","detectResult":{"client":{"type":"library","name":"PostmanRuntime",\
            "version":"7.36.1"},"device":{"id":"","type":"","brand":"","model":""}}},"createdAt":"2026-01-22T21:17:41.556Z",\
            "updatedAt":"2026-01-22T21:18:09.137Z","__v":0,"images":[],"face_id":"9a52c0f7-5f44-4c8e-a10a-6f4f2f3f9c11",\
            "updateBy":null}]}""";
}
