package io.verity.ida.rest;

import io.verity.ida.service.IdaSettings;
import io.verity.platform.web.Paging;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of ida-service: the spec's field names, and a few additions each marked "Verity:". */
public final class Views {

    private Views() {
    }

    static final String[] FILE_TYPES = {"unknown", "driver_license_front", "driver_license_back", "state_id_card_front",
        "state_id_card_back", "passport_front", "passport_card_front", "passport_card_back", "selfie", "liveness_passive",
        "liveness_active_step_1", "liveness_active_step_2", "liveness_active_step_3", "liveness_active_step_4"};

    // ---- IDA sessions ----

    public record SessionCreateRequest(
            @Schema(required = true, description = "A verified identity of the caller's client",
                    example = "5f0c2a9e-1b7d-4c3e-8a2f-6d9e0b1c2a3f") String identityId,
            @Schema(description = "Where the session's events are delivered; checked against SSRF", example = "https://hooks.example.com/ida")
            String webhookUrl,
            @Schema(enumeration = {"passive", "passive_active"}, defaultValue = "passive") String livenessMode,
            @Schema(description = "Free key/value pairs; `user_id` names the customer's user", example = "{\"user_id\": \"u-1001\"}")
            Map<String, String> metadata,
            IdaSettings settings) {
    }

    public record SessionCreated(
            @Schema(example = "7b0f7a4e-3c55-4a0f-9d7e-4a1c3f1b2f10") UUID sessionId,
            @Schema(description = "Verity: the value the SDK sends as X-Client-Id", example = "2d5c2b8e-8d0c-4a39-9a63-1f1e0c7b9a11")
            UUID clientId) {
    }

    public record SessionIdRequest(@Schema(required = true, example = "7b0f7a4e-3c55-4a0f-9d7e-4a1c3f1b2f10") String sessionId) {
    }

    public record SessionListRequest(
            @Schema(example = "20") Integer take,
            @Schema(example = "0") Integer skip,
            @Schema(description = "string or array of strings", oneOf = {String.class, String[].class}) Object identityId,
            @Schema(description = "string or array of strings; only the caller's own client", oneOf = {String.class, String[].class})
            Object clientId,
            @Schema(description = "string or array of strings", oneOf = {String.class, String[].class}) Object userId,
            @Schema(description = "Matched against the session id, user id, identity id and metadata values") String searchTerm,
            Boolean verified,
            @Schema(enumeration = {"unknown", "in_progress", "complete", "temporarily_blocked", "temporarily_complete", "expired"})
            String status,
            @Schema(description = "ISO date or date-time; sessions created at or after", example = "2026-01-01") String startDate,
            @Schema(description = "ISO date or date-time; sessions created before (a date: through that day)") String endDate,
            Map<String, String> metadata) {
    }

    public record HistoryEntry(
            @Schema(example = "created") String event,
            @Schema(example = "identityAuthenticationSessionCreate") String endpoint,
            @Schema(description = "Verity") OffsetDateTime occurredAt,
            @Schema(description = "Verity: api_key:<prefix>, sdk@<ip> or system", example = "sdk@203.0.113.7") String actor,
            @Schema(description = "Verity: accepted or refused", example = "accepted") String outcome,
            @Schema(description = "Verity: what was given or why it was refused") String detail,
            @Schema(description = "Verity") String requestId) {
    }

    @Schema(description = "An IDA session as listed")
    public record SessionSummary(String userId, UUID clientId, OffsetDateTime createdAt, OffsetDateTime completedAt,
            UUID identityId, UUID sessionId, UUID idvWeightsId, @Schema(example = "complete") String statusE,
            String firstName, String middleName, String lastName, String suffixName, Boolean livenessDetected,
            OffsetDateTime livenessDetectedAt, boolean selfieGiven, OffsetDateTime selfieGivenAt, Boolean authenticated,
            Map<String, Object> metadata,
            @Schema(description = "Verity: why the session did not authenticate (liveness_failed, no_verified_template, "
                    + "face_mismatch, age_inconsistent, gender_inconsistent, identity_not_verified); null when it did",
                    example = "face_mismatch") String authenticationReason) {
    }

    public record SessionList(List<SessionSummary> sessions, Paging.MetaCounts metaCounts) {
    }

    @Schema(description = "An IDA session with its settings and history")
    public record SessionDetail(UUID sessionId, String userId, UUID clientId, UUID idvWeightsId,
            @Schema(example = "complete") String statusE, OffsetDateTime createdAt, OffsetDateTime completedAt,
            UUID identityId, String firstName, String middleName, String lastName, String suffixName,
            Boolean livenessDetected, OffsetDateTime livenessDetectedAt, boolean selfieGiven, OffsetDateTime selfieGivenAt,
            Boolean authenticated, Map<String, Object> metadata, String webhookUrl, IdaSettings settings,
            List<HistoryEntry> history,
            @Schema(description = "Verity: why the session did not authenticate; null when it did", example = "face_mismatch")
            String authenticationReason,
            @Schema(description = "Verity", example = "passive") String livenessMode,
            @Schema(description = "Verity: when an open session expires") OffsetDateTime expiresAt,
            @Schema(description = "Verity: when retention or erasure removed the session's images and biometric facts")
            OffsetDateTime biometricsErasedAt) {
    }

    public record LocationReadRequest(@Schema(required = true) String sessionId,
            @Schema(required = true, enumeration = {"unknown", "front_doc_image_capture", "back_doc_image_capture",
                    "selfie_image_capture"}, description = "An IDA session has only selfie_image_capture") String locationCaptureTypeE) {
    }

    public record LocationView(String ipAddress, Double ipLatitude, Double ipLongitude, String ipCountry, String ipRegion,
            String ipCity, String deviceLocation, Double deviceLatitude, Double deviceLongitude, String deviceCountryName,
            String deviceCountryCode, String deviceAdminArea, String deviceSubAdminArea, String deviceLocality) {
    }

    // ---- SDK ----

    public record SdkSession(UUID sessionId, UUID identityId, String userId, UUID clientId,
            @Schema(example = "in_progress") String statusE, String firstName, String middleName, String lastName,
            String suffixName, Boolean livenessDetected, OffsetDateTime livenessDetectedAt, boolean selfieGiven,
            OffsetDateTime selfieGivenAt, Boolean authenticated,
            @Schema(description = "Verity runs its own liveness", example = "verity") String livenessProviderE,
            Map<String, Object> sdkMetadata,
            @Schema(description = "Verity", example = "passive_active") String livenessMode) {
    }

    public record SdkMetadataRequest(@Schema(required = true) String sessionId,
            @Schema(required = true, example = "{\"device\": \"iPhone 15\", \"app_version\": \"2.4.0\"}")
            Map<String, Object> sdkMetadata) {
    }

    @Schema(description = "The spec answers {}; Verity names the session and its status")
    public record SdkAck(UUID sessionId, @Schema(example = "in_progress") String statusE) {
    }

    public record LivenessGenerateRequest(@Schema(required = true) String sessionId,
            @Schema(required = true, example = "40.7128") Double latitude,
            @Schema(required = true, example = "-74.006") Double longitude) {
    }

    public record LivenessToken(
            @Schema(description = "base64url JSON {session_id, challenge, expires_at}, a dot, a random secret",
                    example = "eyJzZXNzaW9uX2lkIjoi...In0.b3Jk...") String token,
            @Schema(description = "Verity: the head turns to perform, in order (passive_active)", example = "[\"turn_left\", \"turn_right\"]")
            List<String> challenge,
            @Schema(description = "Verity") OffsetDateTime expiresAt) {
    }

    public record LivenessProcessRequest(@Schema(required = true) String sessionId,
            @Schema(required = true, example = "40.7128") Double latitude,
            @Schema(required = true, example = "-74.006") Double longitude,
            @Schema(description = "Base64 frames: passive 1-3; passive_active a straight-ahead frame, then one per "
                    + "challenge step in order") List<String> images) {
    }

    public record LivenessProcessed(String token,
            @Schema(description = "Verity: whether the frames passed liveness") boolean livenessDetected) {
    }

    public record FinalizeRequest(@Schema(required = true) String sessionId) {
    }

    @Schema(description = "The spec answers {}; Verity says the outcome")
    public record FinalizeResult(
            @Schema(description = "Verity", example = "true") boolean authenticated,
            @Schema(description = "Verity: why not; null when authenticated", example = "face_mismatch") String authenticationReason) {
    }

    // ---- identities ----

    public record IdentityListRequest(
            @Schema(description = "string or array of strings; only the caller's own client", oneOf = {String.class, String[].class})
            Object clientId,
            @Schema(description = "string or array of strings: the customer's user id (external_id)", oneOf = {String.class, String[].class})
            Object userId,
            @Schema(description = "Matched against the identity id, external id, names, email and phone") String searchTerm,
            @Schema(example = "20") Integer take,
            @Schema(example = "0") Integer skip,
            @Schema(description = "Identities created at or after", example = "2026-01-01T00:00:00Z") String startDate,
            @Schema(description = "Identities created before") String endDate,
            @Schema(description = "The metadata of the IDV session that verified the identity contains these pairs")
            Map<String, String> metadata) {
    }

    public record IdentitySummary(UUID identityId, OffsetDateTime createdAt, String externalId, String firstName,
            String middleName, String lastName, String nameSuffix, String birthDate, String email, String phone,
            OffsetDateTime completedAt, boolean documentFrontGiven, OffsetDateTime documentFrontGivenAt,
            Boolean livenessDetected, OffsetDateTime livenessDetectedAt,
            @Schema(example = "unknown") String ofacStatusE, OffsetDateTime ofacDetectedAt,
            @Schema(example = "unknown") String dmvStatusE, OffsetDateTime dmvDetectedAt, boolean verified,
            OffsetDateTime verifiedAt,
            @Schema(description = "The latest of verified_at and the last authenticated IDA session") OffsetDateTime lastVerified,
            @Schema(example = "1.0") Float identityScore) {
    }

    public record IdentityList(List<IdentitySummary> identities, Paging.MetaCounts metaCounts) {
    }

    public record IdentityReadRequest(
            @Schema(description = "string or array of strings", oneOf = {String.class, String[].class}) Object identityId,
            List<String> identityIds,
            @Schema(description = "Only identities whose verifying IDV session's metadata contains these pairs")
            Map<String, String> metadata) {
    }

    public record IdentityView(UUID identityId, OffsetDateTime createdAt, String firstName, String middleName,
            String lastName, String suffixName, String birthDate, @Schema(example = "female") String genderE,
            String street, String city, String state, String postalCode, boolean documentFrontGiven,
            OffsetDateTime documentFrontGivenAt, boolean verified, OffsetDateTime verifiedAt, Boolean livenessDetected,
            OffsetDateTime livenessDetectedAt, @Schema(example = "unknown") String ofacStatusE, OffsetDateTime ofacDetectedAt,
            @Schema(example = "unknown") String dmvStatusE, OffsetDateTime dmvDetectedAt, @Schema(example = "1.0") Float score) {
    }

    @Schema(description = "The identities asked for, and the first of them also at the top level (the spec's shape)")
    public record IdentitiesRead(List<IdentityView> identities, UUID identityId, OffsetDateTime createdAt,
            String firstName, String middleName, String lastName, String suffixName, String birthDate, String genderE,
            String street, String city, String state, String postalCode, Boolean documentFrontGiven,
            OffsetDateTime documentFrontGivenAt, Boolean verified, OffsetDateTime verifiedAt, Boolean livenessDetected,
            OffsetDateTime livenessDetectedAt, String ofacStatusE, OffsetDateTime ofacDetectedAt, String dmvStatusE,
            OffsetDateTime dmvDetectedAt, Float score) {
    }

    public record IdentityIdRequest(@Schema(required = true, example = "5f0c2a9e-1b7d-4c3e-8a2f-6d9e0b1c2a3f") String identityId) {
    }

    public record IdentityStatus(@Schema(example = "true") boolean verified) {
    }

    public record DocumentReadRequest(@Schema(required = true) String identityId,
            @Schema(required = true, enumeration = {"unknown", "driver_license", "identification_card", "passport", "passport_card"})
            String documentTypeE) {
    }

    public record DocumentView(UUID documentId, @Schema(example = "passport") String documentTypeE,
            @Schema(example = "unknown") String documentDataSourceE, String documentNumber, String issueDate,
            String expirationDate, String refNumber, String issuingCountry, String issuingState, String birthDate,
            @Schema(example = "unknown") String genderE, String firstName, String middleName, String lastName,
            String suffixName, String street, String city, String state, String postalCode, String height, String weight,
            String eyeColor, String hairColor) {
    }

    public record ImageReadRequest(@Schema(required = true) String identityId,
            @Schema(required = true, example = "selfie", enumeration = {"unknown", "driver_license_front", "driver_license_back",
                    "state_id_card_front", "state_id_card_back", "passport_front", "passport_card_front", "passport_card_back",
                    "selfie", "liveness_passive", "liveness_active_step_1", "liveness_active_step_2",
                    "liveness_active_step_3", "liveness_active_step_4"}) String storageFileTypeE) {
    }

    @Schema(description = "Verity: what an erasure removed (counts; nothing biometric)")
    public record Erased(UUID identityId, Map<String, Object> counts) {
    }
}
