package io.verity.idv.rest;

import io.verity.idv.domain.Session;
import io.verity.sessions.images.Coordinates;
import io.verity.idv.service.DocumentService;
import io.verity.idv.service.FinalizationService;
import io.verity.idv.service.LivenessService;
import io.verity.idv.service.SessionService;
import io.verity.platform.error.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import io.verity.sessions.sdk.SdkCall;

/**
 * The SDK in a browser or phone: header X-Client-Id plus a session id the customer's backend created. Order:
 * consent, document type, front, back (not for passports), liveness generate and process, finalization; a call out of
 * order is a 409 that changes nothing (docs/adr/0007-idv-session-lifecycle.md).
 */
@Path("/v1/sdk")
@PermitAll
@SecurityScheme(securitySchemeName = "SdkClientId", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = SdkCall.CLIENT_HEADER, description = "The client id that sessionCreate answered; with a session id of that client")
@SecurityRequirement(name = "SdkClientId")
@Tag(name = "IDV SDK")
@Produces(MediaType.APPLICATION_JSON)
public class SdkResource {

    @Inject
    SdkCall sdk;

    @Inject
    SessionService sessions;

    @Inject
    DocumentService documents;

    @Inject
    LivenessService liveness;

    @Inject
    FinalizationService finalization;

    @Inject
    SessionViews views;

    @Context
    HttpServerRequest request;

    @POST
    @Path("sessions/read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sdkSessionRead", summary = "What the SDK needs to know of its session")
    public Views.SdkSession read(@HeaderParam(SdkCall.CLIENT_HEADER) String clientId, Views.SessionIdRequest body) {
        SdkCall.body(body);
        return sdk.run(request, clientId, body.sessionId(), "sdk_session_read", "sdkSessionRead",
                c -> views.sdk(sessions.read(c.clientId(), c.sessionId())));
    }

    @POST
    @Path("consent")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sdkAddIdentityConsent", summary = "The user's consent; every other SDK change needs it first",
            description = "409 already_consented when repeated. `consented: false` is recorded and changes nothing else.")
    public Views.SdkAck consent(@HeaderParam(SdkCall.CLIENT_HEADER) String clientId, Views.ConsentRequest body) {
        SdkCall.body(body);
        return sdk.run(request, clientId, body.sessionId(), "consent", "sdkAddIdentityConsent", c -> {
            if (body.consented() == null) {
                throw ProblemException.invalidField("consented", "is required");
            }
            sessions.consent(c.clientId(), c.sessionId(), body.consented(), c.actor());
            return ack(c);
        });
    }

    @POST
    @Path("metadata")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sdkMetadataUpdate", summary = "Replace the SDK's metadata (device, app version, ...)")
    public Views.SdkAck metadata(@HeaderParam(SdkCall.CLIENT_HEADER) String clientId, Views.SdkMetadataRequest body) {
        SdkCall.body(body);
        return sdk.run(request, clientId, body.sessionId(), "sdk_metadata_update", "sdkMetadataUpdate", c -> {
            sessions.sdkMetadata(c.clientId(), c.sessionId(), body.sdkMetadata(), c.actor());
            return ack(c);
        });
    }

    @POST
    @Path("document-type")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sdkDocumentTypeUpdate", summary = "The type of document the user presents",
            description = "409 document_already_given once the front image is in.")
    public Views.SdkAck documentType(@HeaderParam(SdkCall.CLIENT_HEADER) String clientId, Views.DocumentTypeRequest body) {
        SdkCall.body(body);
        return sdk.run(request, clientId, body.sessionId(), "document_type_update", "sdkDocumentTypeUpdate", c -> {
            sessions.documentType(c.clientId(), c.sessionId(), body.documentTypeE(), c.actor());
            return ack(c);
        });
    }

    @POST
    @Path("documents/front")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "sdkDocumentFrontImageAdd", summary = "The document's front (multipart: session_id, latitude, longitude, image)",
            description = "JPEG, PNG or WebP by content (415 otherwise), at most verity.idv.images.max-bytes (413), "
                    + "each side at least verity.idv.images.min-side pixels (422). Once per session (409 already_given).")
    public Views.SdkAck front(@HeaderParam(SdkCall.CLIENT_HEADER) String clientId, @RestForm("session_id") String sessionId,
            @RestForm("latitude") String latitude, @RestForm("longitude") String longitude, @RestForm("image") FileUpload image) {
        return sdk.run(request, clientId, sessionId, "document_front_add", "sdkDocumentFrontImageAdd", c -> {
            double lat = Coordinates.parse(latitude, "latitude");
            double lng = Coordinates.parse(longitude, "longitude");
            Coordinates.check(lat, lng);
            documents.front(c.clientId(), c.sessionId(), bytes(image), c.ip(), lat, lng, c.actor());
            return ack(c);
        });
    }

    @POST
    @Path("documents/back")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "sdkDocumentBackImageAdd", summary = "The document's back (multipart: session_id, latitude, longitude, image)",
            description = "After the front; not for passports (400 no_back_side).")
    public Views.SdkAck back(@HeaderParam(SdkCall.CLIENT_HEADER) String clientId, @RestForm("session_id") String sessionId,
            @RestForm("latitude") String latitude, @RestForm("longitude") String longitude, @RestForm("image") FileUpload image) {
        return sdk.run(request, clientId, sessionId, "document_back_add", "sdkDocumentBackImageAdd", c -> {
            double lat = Coordinates.parse(latitude, "latitude");
            double lng = Coordinates.parse(longitude, "longitude");
            Coordinates.check(lat, lng);
            documents.back(c.clientId(), c.sessionId(), bytes(image), c.ip(), lat, lng, c.actor());
            return ack(c);
        });
    }

    @POST
    @Path("liveness/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sdkLivenessSessionGenerate", summary = "A short-lived liveness token with its challenge",
            description = "passive_active sessions get head turns in a random order (`challenge`; also inside the "
                    + "token's first part). After the document images; a new token replaces the previous one.")
    public Views.LivenessToken generate(@HeaderParam(SdkCall.CLIENT_HEADER) String clientId, Views.LivenessGenerateRequest body) {
        SdkCall.body(body);
        return sdk.run(request, clientId, body.sessionId(), "liveness_generate", "sdkLivenessSessionGenerate", c -> {
            if (body.latitude() == null || body.longitude() == null) {
                throw ProblemException.invalidField(body.latitude() == null ? "latitude" : "longitude", "is required");
            }
            String token = liveness.generate(c.clientId(), c.sessionId(), body.latitude(), body.longitude(), c.actor());
            Session s = sessions.read(c.clientId(), c.sessionId());
            List<String> challenge = s.livenessChallenge == null || s.livenessChallenge.isEmpty() ? List.of()
                    : List.of(s.livenessChallenge.split(","));
            return new Views.LivenessToken(token, challenge, s.livenessExpiresAt);
        });
    }

    @POST
    @Path("liveness/process")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sdkLivenessSessionProcess", summary = "The camera frames of the liveness session",
            description = "Every frame must be live for the passive model, the challenge's turns must come in order, "
                    + "all frames must show one person, and not the document's own portrait. The best frame becomes the "
                    + "selfie. A failed attempt can be retried with a new token, up to verity.idv.liveness.max-attempts; "
                    + "then the session is temporarily_blocked.")
    public Views.LivenessProcessed process(@HeaderParam(SdkCall.CLIENT_HEADER) String clientId, Views.LivenessProcessRequest body) {
        SdkCall.body(body);
        return sdk.run(request, clientId, body.sessionId(), "liveness_process", "sdkLivenessSessionProcess", c -> {
            if (body.latitude() == null || body.longitude() == null) {
                throw ProblemException.invalidField(body.latitude() == null ? "latitude" : "longitude", "is required");
            }
            LivenessService.Outcome outcome = liveness.process(c.clientId(), c.sessionId(), body.latitude(),
                    body.longitude(), body.images(), c.ip(), c.actor());
            return new Views.LivenessProcessed(null, outcome.livenessDetected());
        });
    }

    @POST
    @Path("finalize")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sdkIdvFinalization", summary = "Decide the session",
            description = "Runs the checks with the client's weights; a verified session creates an identity and "
                    + "enrols the selfie among the verified identities. See sessionTestRead for every check.")
    public Views.FinalizationResult finalizeSession(@HeaderParam(SdkCall.CLIENT_HEADER) String clientId,
            Views.FinalizationRequest body) {
        SdkCall.body(body);
        return sdk.run(request, clientId, body.sessionId(), "finalization", "sdkIdvFinalization", c -> {
            FinalizationService.Decision d = finalization.finalizeSession(c.clientId(), c.sessionId(), body.settings(), c.actor());
            return new Views.FinalizationResult(d.verified(), d.onSanctionList(), d.sanctionMatches(), d.score(),
                    Views.Reason.of(d.scoring()));
        });
    }

    private Views.SdkAck ack(SdkCall.Context c) {
        return new Views.SdkAck(c.sessionId(), sessions.read(c.clientId(), c.sessionId()).status);
    }

    private static byte[] bytes(FileUpload upload) {
        if (upload == null || upload.size() == 0) {
            throw ProblemException.invalidField("image", "an image file is required (multipart part 'image')");
        }
        try {
            return Files.readAllBytes(upload.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded image", e);
        }
    }
}
