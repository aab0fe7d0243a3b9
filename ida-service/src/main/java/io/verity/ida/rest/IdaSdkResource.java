package io.verity.ida.rest;

import io.verity.ida.domain.IdaSession;
import io.verity.ida.service.Authentication;
import io.verity.ida.service.IdaLiveness;
import io.verity.ida.service.IdaSessions;
import io.verity.platform.error.ProblemException;
import io.verity.sessions.liveness.Liveness;
import io.verity.sessions.sdk.SdkCall;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The SDK of an IDA session: header X-Client-Id plus the session id the customer's backend created, with IDV's access
 * rules (libs/sessions {@link SdkCall}: rate limits, trusted proxies, allowed origins, refusals in the history). Order:
 * liveness generate, liveness process, finalize; a call out of order is a 409 that changes nothing.
 */
@Path("/ida/sdk")
@PermitAll
@SecurityScheme(securitySchemeName = "SdkClientId", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = SdkCall.CLIENT_HEADER, description = "The client id that identityAuthenticationSessionCreate answered; with a session id of that client")
@SecurityRequirement(name = "SdkClientId")
@Tag(name = "IDA SDK")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class IdaSdkResource {

    @Inject
    SdkCall sdk;

    @Inject
    IdaSessions sessions;

    @Inject
    IdaLiveness liveness;

    @Inject
    Authentication authentication;

    @Inject
    SessionViews views;

    @Context
    HttpServerRequest request;

    @POST
    @Path("sessions/read")
    @Operation(operationId = "sdkSessionRead", summary = "What the SDK needs to know of its IDA session")
    public Views.SdkSession read(@HeaderParam(SdkCall.CLIENT_HEADER) String clientId, Views.SessionIdRequest body) {
        SdkCall.body(body);
        return sdk.run(request, clientId, body.sessionId(), "sdk_session_read", "sdkSessionRead",
                c -> views.sdk(sessions.read(c.clientId(), c.sessionId())));
    }

    @POST
    @Path("metadata")
    @Operation(operationId = "sdkMetadataUpdate", summary = "Replace the SDK's metadata (device, app version, ...)")
    public Views.SdkAck metadata(@HeaderParam(SdkCall.CLIENT_HEADER) String clientId, Views.SdkMetadataRequest body) {
        SdkCall.body(body);
        return sdk.run(request, clientId, body.sessionId(), "sdk_metadata_update", "sdkMetadataUpdate", c -> {
            sessions.sdkMetadata(c.clientId(), c.sessionId(), body.sdkMetadata(), c.actor());
            return ack(c);
        });
    }

    @POST
    @Path("liveness/generate")
    @Operation(operationId = "sdkLivenessSessionGenerate", summary = "A short-lived liveness token with its challenge",
            description = "passive_active sessions get head turns in a random order (`challenge`; also inside the "
                    + "token's first part). A new token replaces the previous one.")
    public Views.LivenessToken generate(@HeaderParam(SdkCall.CLIENT_HEADER) String clientId, Views.LivenessGenerateRequest body) {
        SdkCall.body(body);
        return sdk.run(request, clientId, body.sessionId(), "liveness_generate", "sdkLivenessSessionGenerate", c -> {
            if (body.latitude() == null || body.longitude() == null) {
                throw ProblemException.invalidField(body.latitude() == null ? "latitude" : "longitude", "is required");
            }
            Liveness.Token token = liveness.generate(c.clientId(), c.sessionId(), body.latitude(), body.longitude(), c.actor());
            return new Views.LivenessToken(token.token(), token.challenge(), token.expiresAt());
        });
    }

    @POST
    @Path("liveness/process")
    @Operation(operationId = "sdkLivenessSessionProcess", summary = "The camera frames of the liveness session",
            description = "Every frame must be live for the passive model, the challenge's turns must come in order, "
                    + "all frames must show one person, and not the identity's document portrait. The straight-ahead "
                    + "frame is the selfie, compared by the matcher with the identity's verified templates. A failed "
                    + "attempt can be retried with a new token up to verity.ida.liveness.max-attempts; then the session "
                    + "is temporarily_blocked.")
    public Views.LivenessProcessed process(@HeaderParam(SdkCall.CLIENT_HEADER) String clientId, Views.LivenessProcessRequest body) {
        SdkCall.body(body);
        return sdk.run(request, clientId, body.sessionId(), "liveness_process", "sdkLivenessSessionProcess", c -> {
            if (body.latitude() == null || body.longitude() == null) {
                throw ProblemException.invalidField(body.latitude() == null ? "latitude" : "longitude", "is required");
            }
            IdaLiveness.Outcome outcome = liveness.process(c.clientId(), c.sessionId(), body.latitude(), body.longitude(),
                    body.images(), c.ip(), c.actor());
            return new Views.LivenessProcessed(null, outcome.livenessDetected());
        });
    }

    @POST
    @Path("finalize")
    @Operation(operationId = "identityAuthenticationFinalize", summary = "Decide whether the selfie is the verified identity",
            description = "After liveness processing: authenticated when liveness passed and the selfie's similarity to "
                    + "the identity's verified templates reaches 1 − verified_account_face_encoding_tolerance of the "
                    + "client's weights (and the age and gender agree when the settings ask). The session completes; "
                    + "ida.session.completed goes out with `authenticated` and the reason.")
    public Views.FinalizeResult finalizeSession(@HeaderParam(SdkCall.CLIENT_HEADER) String clientId, Views.FinalizeRequest body) {
        SdkCall.body(body);
        return sdk.run(request, clientId, body.sessionId(), "finalization", "identityAuthenticationFinalize", c -> {
            Authentication.Decision d = authentication.finalizeSession(c.clientId(), c.sessionId(), c.actor());
            return new Views.FinalizeResult(d.authenticated(), d.reason());
        });
    }

    private Views.SdkAck ack(SdkCall.Context c) {
        IdaSession s = sessions.read(c.clientId(), c.sessionId());
        return new Views.SdkAck(s.id, s.status);
    }
}
