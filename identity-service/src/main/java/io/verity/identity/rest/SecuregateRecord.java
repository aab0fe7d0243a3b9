package io.verity.identity.rest;

import io.verity.identity.service.MetadataJson;
import io.verity.identity.domain.Activity;
import io.verity.identity.domain.Attendee;
import io.verity.identity.service.IdentificationService.Identification;
import io.verity.platform.identities.Identity;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The identified attendee's record in the Securegate shape ({@code userInfo}, {@code authentication}, {@code kyc},
 * {@code status}, {@code qrId}, {@code activities}, {@code metadata}, {@code visitedOrder}). Built as ordered maps:
 * the field names are the spec's camelCase, whatever the service's JSON naming. Nothing is invented: fields with
 * nothing to say are null or empty lists.
 */
final class SecuregateRecord {

    static final String PROVIDER = "VERITY";

    private SecuregateRecord() {
    }

    static Map<String, Object> of(Identification id, MetadataJson metadata, Gates.Context gate) {
        Attendee a = id.attendee();
        String authId = "auth_" + id.activity().id;
        Map<String, Object> record = new LinkedHashMap<>();

        Map<String, Object> userInfo = new LinkedHashMap<>();
        userInfo.put("email", a.email);
        userInfo.put("userId", a.userId);
        userInfo.put("name", a.name);
        userInfo.put("phone", a.phone);
        userInfo.put("countryCode", a.countryCode);
        record.put("userInfo", userInfo);

        Map<String, Object> match = new LinkedHashMap<>();
        // The gate photo, through a short-lived link that also needs the client's API key; gates send no video.
        match.put("selfieImage", gate.selfieImage());
        match.put("blobVideoUrl", null);
        match.put("similarity", id.similarity());
        match.put("threshold", id.threshold());
        match.put("facesSeen", id.facesSeen());
        match.put("eventId", id.event().id.toString());
        // UTC with Z, as the spec: received, and recorded.
        String started = DateTimeFormatter.ISO_INSTANT.format(gate.startedAt());
        String ended = DateTimeFormatter.ISO_INSTANT.format(id.activity().occurredAt.toInstant());
        Map<String, Object> authData = new LinkedHashMap<>();
        authData.put("stepId", "authentication");
        authData.put("actionId", "facialRecognition");
        authData.put("status", "completed");
        authData.put("data", match);
        authData.put("stepStartTime", started);
        authData.put("stepEndTime", ended);
        record.put("authentication", List.of(step(authId, authData, List.of(), "authentication")));

        List<String> visited = new ArrayList<>(List.of(authId));
        Identity identity = id.identity();
        if (identity != null) {
            String kycId = "kyc_" + identity.id;
            Map<String, Object> kycData = new LinkedHashMap<>();
            kycData.put("kyc", Map.of("document", document(identity), "basicInfo", basicInfo(identity)));
            kycData.put("status", identity.verified ? "completed" : "pending");
            kycData.put("provider", PROVIDER);
            record.put("kyc", List.of(step(kycId, kycData, List.of(authId), "kyc")));
            visited.add(kycId);
        } else {
            record.put("kyc", List.of());
        }
        record.put("status", identity != null && identity.verified ? "completed" : "registered");
        record.put("qrId", a.qrId);
        record.put("activities", id.recent().stream().map(SecuregateRecord::activity).toList());
        Map<String, Object> meta = new LinkedHashMap<>(metadata.read(a.metadata)); // as registered, then this request's
        meta.putAll(Gates.metadata(gate));
        record.put("metadata", meta);
        record.put("visitedOrder", visited);
        return record;
    }

    private static Map<String, Object> step(String id, Map<String, Object> data, List<String> parents, String stepId) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("conditions", List.of());
        step.put("_id", id);
        step.put("data", data);
        step.put("parentIds", parents);
        step.put("stepId", stepId);
        return step;
    }

    private static Map<String, Object> document(Identity i) {
        Map<String, Object> d = new LinkedHashMap<>();
        // No document image is kept with an identity that this service could serve: documented as null.
        d.put("frontImage", checked(null, false));
        d.put("idType", checked(idType(i.documentType), i.verified));
        d.put("idNumber", checked(i.documentNumber, i.verified));
        d.put("dateOfExpiry", checked(i.documentExpiresAt == null ? null : i.documentExpiresAt.toString(), i.verified));
        d.put("issuingCountry", checked(i.documentIssuingCountry, i.verified));
        return d;
    }

    /** Verity's document types in Securegate's spelling: {@code drivers_license} is {@code drivers-license}. */
    static String idType(String documentType) {
        if (documentType == null) {
            return null;
        }
        String t = documentType.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return "driver-license".equals(t) || "driving-license".equals(t) ? "drivers-license" : t;
    }

    private static Map<String, Object> basicInfo(Identity i) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("firstName", checked(i.firstName, i.verified));
        b.put("lastName", checked(i.lastName, i.verified));
        b.put("dateOfBirth", checked(i.birthDate == null ? null : i.birthDate.toString(), i.verified));
        b.put("address", checked(i.street, i.verified));
        b.put("city", checked(i.city, i.verified));
        b.put("zip", checked(i.postalCode, i.verified));
        b.put("country", checked(i.country, i.verified));
        Map<String, Object> sex = new LinkedHashMap<>();
        sex.put("value", i.gender);
        sex.put("data", i.gender == null ? null : Character.toUpperCase(i.gender.charAt(0)) + i.gender.substring(1));
        b.put("sex", sex);
        return b;
    }

    private static Map<String, Object> checked(String value, boolean verified) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("value", value);
        field.put("verified", value != null && verified);
        return field;
    }

    private static Map<String, Object> activity(Activity a) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("time", a.occurredAt.toInstant().toEpochMilli());
        meta.put("data", a.similarity == null ? "identified" : String.format("identified (similarity %.3f)", a.similarity));
        meta.put("to", "identified");
        meta.put("from", null);
        meta.put("stepId", "authentication");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", "logs");
        entry.put("userName", a.source);
        entry.put("id", "act_" + a.id);
        entry.put("metadata", meta);
        return entry;
    }

}
