package io.verity.idv.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.verity.idv.service.SessionSettings;
import io.verity.idv.service.checks.CheckResult;
import io.verity.platform.web.Paging;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of idv-service: the spec's field names, and a few additions each marked "Verity:". */
public final class Views {

    private Views() {
    }

    // ---- requests ----

    public record SessionCreateRequest(
            @Schema(description = "Free key/value pairs; `user_id` names the customer's user", example = "{\"user_id\": \"u-1001\"}")
            Map<String, String> metadata,
            @Schema(enumeration = {"passive", "passive_active"}, defaultValue = "passive") String livenessMode,
            @Schema(description = "Where the session's events are delivered; checked against SSRF", example = "https://hooks.example.com/idv")
            String webhookUrl,
            SessionSettings settings) {
    }

    public record SessionIdRequest(@Schema(required = true, example = "7b0f7a4e-3c55-4a0f-9d7e-4a1c3f1b2f10") String sessionId,
            @Schema(description = CLIENT_FOR) UUID clientId) {
    }

    /** The client_id an operator names; an API key may name only its own client. */
    static final String CLIENT_FOR = "Verity: the client whose session it is; required of administrators and reviewers "
            + "(OIDC), optional for an API key, which may name only its own client (403 foreign_client)";

    @Schema(description = "A reviewer's decision on a session in review")
    public record ReviewRequest(@Schema(required = true, example = "7b0f7a4e-3c55-4a0f-9d7e-4a1c3f1b2f10") String sessionId,
            @Schema(required = true, description = CLIENT_FOR) UUID clientId,
            @Schema(required = true, enumeration = {"approve", "reject"}) String decision,
            @Schema(description = "Why (at most 500 characters)", example = "document checked by hand against the selfie")
            String note) {
    }

    @Schema(description = "The decision as recorded in the session's history")
    public record ReviewView(UUID sessionId, @Schema(enumeration = {"approve", "reject"}) String decision,
            @Schema(example = "oidc:reviewer") String reviewer, String note, OffsetDateTime reviewedAt) {
    }

    public record SessionListRequest(
            @Schema(example = "20") Integer take,
            @Schema(example = "0") Integer skip,
            @Schema(description = "Matched against the session id, user id and metadata values") String searchTerm,
            @Schema(description = "ISO date or date-time; sessions created at or after", example = "2026-01-01") String startDate,
            @Schema(description = "ISO date or date-time; sessions created before (a date: through that day)") String endDate,
            Map<String, String> metadata,
            @Schema(description = "string or array of strings", oneOf = {String.class, String[].class}) Object identityId,
            @Schema(enumeration = {"unknown", "in_progress", "complete", "temporarily_blocked", "temporarily_complete", "expired"})
            String status,
            @Schema(description = "string or array of strings; only the caller's own client", oneOf = {String.class, String[].class})
            Object clientId,
            @Schema(description = "string or array of strings", oneOf = {String.class, String[].class}) Object userId) {
    }

    public record LocationReadRequest(@Schema(required = true) String sessionId,
            @Schema(description = CLIENT_FOR) UUID clientId,
            @Schema(required = true, enumeration = {"unknown", "front_doc_image_capture", "back_doc_image_capture",
                    "selfie_image_capture"}) String locationCaptureTypeE) {
    }

    public record DocumentListRequest(Integer take, Integer skip, @Schema(required = true) String sessionId) {
    }

    public record DocumentDownloadRequest(@Schema(required = true) String sessionId,
            @Schema(description = CLIENT_FOR) UUID clientId,
            @Schema(required = true, example = "selfie", enumeration = {"unknown", "driver_license_front", "driver_license_back",
                    "state_id_card_front", "state_id_card_back", "passport_front", "passport_card_front", "passport_card_back",
                    "selfie", "liveness_passive", "liveness_active_step_1", "liveness_active_step_2",
                    "liveness_active_step_3", "liveness_active_step_4"}) String storageFileTypeE) {
    }

    public record SdkMetadataRequest(@Schema(required = true) String sessionId,
            @Schema(required = true) Map<String, Object> sdkMetadata) {
    }

    public record ConsentRequest(@Schema(required = true) String sessionId, @Schema(required = true) Boolean consented) {
    }

    public record DocumentTypeRequest(@Schema(required = true) String sessionId,
            @Schema(required = true, enumeration = {"unknown", "driver_license", "identification_card", "passport", "passport_card"})
            String documentTypeE) {
    }

    public record LivenessGenerateRequest(@Schema(required = true) String sessionId,
            @Schema(required = true, example = "40.7128") Double latitude,
            @Schema(required = true, example = "-74.006") Double longitude) {
    }

    public record LivenessProcessRequest(@Schema(required = true) String sessionId,
            @Schema(required = true, example = "40.7128") Double latitude,
            @Schema(required = true, example = "-74.006") Double longitude,
            @Schema(description = "Base64 frames: passive 1-3; passive_active a straight-ahead frame, then one per "
                    + "challenge step in order") List<String> images) {
    }

    public record FinalizationRequest(@Schema(required = true) String sessionId,
            @Schema(description = "The spec's `*_fail` settings (docs/adr/0018 gives their defaults) and Verity's "
                    + "`duplicate_face_fail` (default true)", example = "{\"duplicate_face_fail\": true}")
            Map<String, Object> settings) {
    }

    // ---- responses ----

    public record SessionCreated(
            @Schema(example = "7b0f7a4e-3c55-4a0f-9d7e-4a1c3f1b2f10") UUID sessionId,
            @Schema(description = "Verity: the value the SDK sends as X-Client-Id", example = "2d5c2b8e-8d0c-4a39-9a63-1f1e0c7b9a11")
            UUID clientId) {
    }

    public record HistoryEntry(
            @Schema(example = "created") String event,
            @Schema(example = "sessionCreate") String endpoint,
            @Schema(description = "Verity") OffsetDateTime occurredAt,
            @Schema(description = "Verity: api_key:<prefix>, sdk@<ip> or system", example = "sdk@203.0.113.7") String actor,
            @Schema(description = "Verity: accepted or refused", example = "accepted") String outcome,
            @Schema(description = "Verity: what was given or why it was refused") String detail,
            @Schema(description = "Verity") String requestId) {
    }

    @Schema(description = "A session as listed")
    public record SessionSummary(UUID sessionId, String userId, UUID clientId, UUID idvWeightsId,
            @Schema(example = "in_progress") String statusE, @Schema(example = "passport") String documentTypeE,
            OffsetDateTime createdAt, OffsetDateTime completedAt, String firstName, String middleName, String lastName,
            String suffixName, String genderE, String birthDate, boolean consented, OffsetDateTime consentedAt,
            boolean documentFrontGiven, OffsetDateTime documentFrontGivenAt, boolean documentBackGiven,
            OffsetDateTime documentBackGivenAt, Boolean livenessDetected, OffsetDateTime livenessDetectedAt,
            boolean selfieGiven, OffsetDateTime selfieGivenAt, String ofacStatusE, OffsetDateTime ofacDetectedAt,
            String dmvStatusE, OffsetDateTime dmvDetectedAt, Boolean verified, OffsetDateTime verifiedAt,
            @Schema(example = "1.0") Float score, UUID identityId, Map<String, Object> metadata) {
    }

    @Schema(description = "A session with its settings and history")
    public record SessionDetail(UUID sessionId, String userId, UUID clientId, UUID idvWeightsId,
            @Schema(example = "complete") String statusE, @Schema(example = "passport") String documentTypeE,
            OffsetDateTime createdAt, OffsetDateTime completedAt, String firstName, String middleName, String lastName,
            String suffixName, String genderE, String birthDate, boolean consented, OffsetDateTime consentedAt,
            boolean documentFrontGiven, OffsetDateTime documentFrontGivenAt, boolean documentBackGiven,
            OffsetDateTime documentBackGivenAt, Boolean livenessDetected, OffsetDateTime livenessDetectedAt,
            boolean selfieGiven, OffsetDateTime selfieGivenAt, String dmvStatusE, OffsetDateTime dmvDetectedAt,
            String ofacStatusE, OffsetDateTime ofacDetectedAt, Boolean verified, OffsetDateTime verifiedAt,
            @Schema(example = "1.0") Float score, UUID identityId, Map<String, Object> metadata, String webhookUrl,
            SessionSettings settings, List<HistoryEntry> history,
            @Schema(description = "Verity") String livenessMode,
            @Schema(description = "Verity: when an open session expires") OffsetDateTime expiresAt,
            @Schema(description = "Verity: the requirements version the session was decided with") UUID requirementsId,
            @Schema(description = "Verity: the verified identity the selfie already matched") UUID duplicateIdentityId) {
    }

    public record SessionList(List<SessionSummary> sessions, Paging.MetaCounts metaCounts) {
    }

    public record SdkSession(UUID sessionId, UUID clientId, @Schema(example = "passport") String documentTypeE,
            boolean consented, boolean documentFrontGiven, boolean documentBackGiven, Boolean livenessDetected,
            boolean selfieGiven,
            @Schema(description = "Verity runs its own liveness", example = "verity") String livenessProviderE,
            Map<String, Object> sdkMetadata, SdkSettings settings,
            @Schema(description = "Verity", example = "in_progress") String statusE,
            @Schema(description = "Verity", example = "passive_active") String livenessMode) {
    }

    public record SdkSettings(Boolean performImageManipulationTest, Boolean performAamvaTest, Boolean performOfacTest,
            Boolean performAgeTest, Boolean performGenderTest, Boolean performLivenessTest) {
    }

    @Schema(description = "The spec answers {}; Verity names the session and its status")
    public record SdkAck(UUID sessionId, @Schema(example = "in_progress") String statusE) {
    }

    public record LivenessToken(
            @Schema(description = "base64url JSON {session_id, challenge, expires_at}, a dot, a random secret",
                    example = "eyJzZXNzaW9uX2lkIjoi...In0.b3Jk...") String token,
            @Schema(description = "Verity: the head turns to perform, in order (passive_active)", example = "[\"turn_left\", \"turn_right\"]")
            List<String> challenge,
            @Schema(description = "Verity") OffsetDateTime expiresAt) {
    }

    public record LivenessProcessed(String token,
            @Schema(description = "Verity: whether the frames passed liveness") boolean livenessDetected) {
    }

    public record FinalizationResult(@Schema(example = "true") boolean verified,
            @Schema(description = "Whether the name read from the document matched the OFAC SDN list; null when not "
                    + "screened (perform_ofac_test off, no name read, or no list loaded)") Boolean onSanctionList,
            @Schema(description = "Verity: the OFAC entries matched, with scores (empty when clear; null when not screened)")
            List<io.verity.documents.sanctions.SanctionsMatch> sanctionMatches,
            @Schema(description = "Verity: the score (weighted share of passed checks)", example = "0.92") float score,
            @Schema(description = "Verity: the reason codes, each reject, review or warning") List<Reason> reasons) {
    }

    @Schema(description = "A reason code of the decision (Kairos's decision detail, with the check that gave it)")
    public record Reason(@Schema(example = "document_expired") String check, @Schema(example = "DOCUMENT_EXPIRED") String code,
            @Schema(example = "1") double confidence,
            @Schema(enumeration = {"reject", "review", "warning"}, example = "reject") String decision,
            @Schema(example = "Document has already expired. Expired on 2024-01-31, 307 days before 2024-12-03.") String description) {

        public static List<Reason> of(io.verity.documents.decision.Decision d) {
            return d.details().stream().map(x -> new Reason(x.check(), x.code(), x.confidence(), x.decision().wire(),
                    x.description())).toList();
        }
    }

    @Schema(description = "The decision: score, verdict and reason codes with reject/review/warning counts")
    public record DecisionView(boolean verified, @Schema(example = "0.94") float score, List<Reason> details,
            int rejectScore, int reviewScore, int warningScore) {

        public static DecisionView of(io.verity.documents.decision.Decision d) {
            return d == null ? null : new DecisionView(d.verified(), d.score(), Reason.of(d), d.rejectScore(),
                    d.reviewScore(), d.warningScore());
        }
    }

    public record LocationView(String ipAddress, Double ipLatitude, Double ipLongitude, String ipCountry, String ipRegion,
            String ipCity, String deviceLocation, Double deviceLatitude, Double deviceLongitude, String deviceCountryName,
            String deviceCountryCode, String deviceAdminArea, String deviceSubAdminArea, String deviceLocality) {
    }

    public record DocumentView(UUID sessionId, UUID documentId, String typeE, String dataSourceE, String documentNumber,
            String refNumber, String issuedAt, String expiresAt, String issuingCountry, String issuingState,
            String firstName, String middleName, String lastName, String nameSuffix, String street, String city,
            String state, String postalCode, String birthDate, String genderE, String height, String weight,
            String eyeColor, String hairColor, @JsonProperty("class") @Schema(name = "class") String documentClass,
            String restrictions) {
    }

    public record DocumentList(List<DocumentView> documents, Paging.MetaCounts metaCounts) {
    }

    @Schema(description = "The spec's test fields (null where the check was not performed) and Verity's checks, "
            + "score and reason codes")
    public record SessionTests(String docFrontImageManipulation, String docFrontIsIdentityDocument,
            String docFrontOnlineDuplication, String docFrontSuspiciousWords, String docBackImageManipulation,
            String docBackIsIdentityDocument, String docBackOnlineDuplication, String docBackSuspiciousWords,
            Boolean dmvDocumentNumberMatch, Boolean dmvDocumentExpirationMatch, Boolean dmvDocumentIssueMatch,
            Boolean dmvDocumentCategoryMatch, Boolean dmvBirthDateMatch, Boolean dmvSexMatch, Boolean dmvEyeColorMatch,
            Boolean dmvHeightMatch, Boolean dmvWeightMatch, Boolean dmvFirstNameMatch, Boolean dmvMiddleNameMatch,
            Boolean dmvLastNameMatch, Boolean dmvSuffixNameMatch, Boolean dmvStreetMatch, Boolean dmvCityMatch,
            Boolean dmvStateMatch, Boolean dmvPostalCodeMatch, Boolean documentNumberCrosscheck, Boolean nameCrosscheck,
            Boolean addressCrosscheck,
            @Schema(description = "Verity: every check of finalization (empty before it)") List<CheckResult> checks,
            @Schema(description = "Verity: the names of the checks that failed", example = "[\"face_match\"]") List<String> failedChecks,
            @Schema(description = "Verity: what liveness measured, per frame") List<FrameView> livenessFrames,
            @Schema(description = "Verity: the decision (score, verdict, reason codes); null before finalization")
            DecisionView decision,
            @Schema(description = "Verity: the OFAC entries matched; null when not screened")
            List<io.verity.documents.sanctions.SanctionsMatch> sanctionMatches) {
    }

    public record FrameView(int index, String fileType, int facesSeen, Float liveness, Float yaw, String refusal) {
    }
}
