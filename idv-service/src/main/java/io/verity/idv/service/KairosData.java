package io.verity.idv.service;

import io.verity.documents.DocumentFields;
import io.verity.documents.decision.Decision;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Kairos's {@code response_data}: biometric, decision and document data (../shared/specs, full ID verification). */
@Schema(name = "KairosResponseData", description = "The result of a full ID verification")
public record KairosData(Biometric biometric, DecisionData decision, DocumentData document) {

    @Schema(name = "KairosBiometric")
    public record Biometric(FaceData document,
            @Schema(description = "Cosine similarity of the selfie's face to the document's portrait; null without both faces",
                    example = "0.71") Double faceMatchConfidence,
            FaceData selfie) {
    }

    @Schema(name = "KairosFace")
    public record FaceData(@Schema(example = "1200") int imageWidth, @Schema(example = "800") int imageHeight,
            @Schema(description = "How many faces were found", example = "1") int facesPredicted,
            @Schema(description = "Passive liveness of the largest face, 0-1 (selfie only)", example = "0.98") Double facesLiveness) {
    }

    @Schema(name = "KairosDecision")
    public record DecisionData(List<Detail> details, @Schema(example = "1") int rejectScore,
            @Schema(example = "0") int reviewScore, @Schema(example = "0") int warningScore) {

        public static DecisionData of(Decision d) {
            return new DecisionData(d.details().stream().map(x -> new Detail(x.code(), x.confidence(), x.decision().wire(),
                    x.description())).toList(), d.rejectScore(), d.reviewScore(), d.warningScore());
        }
    }

    @Schema(name = "KairosDecisionDetail")
    public record Detail(@Schema(example = "DOCUMENT_EXPIRED") String code, @Schema(example = "1") double confidence,
            @Schema(enumeration = {"reject", "review", "warning"}, example = "reject") String decision,
            @Schema(example = "Document has already expired. Expired on 2024-01-31, 307 days before 2024-12-03.") String description) {
    }

    @Schema(name = "KairosDocument")
    public record DocumentData(@Schema(description = "Every field of the spec's sample; null where not read") Map<String, Object> data) {

        private static final Map<String, String> ISO3_TO_ISO2 = new HashMap<>();

        static {
            for (String iso2 : Locale.getISOCountries()) {
                ISO3_TO_ISO2.put(Locale.of("", iso2).getISO3Country(), iso2);
            }
        }

        public static DocumentData of(DocumentFields f, String documentType, LocalDate today) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            String iso3 = f == null || f.issuingCountry() == null ? null : f.issuingCountry().toUpperCase(Locale.ROOT);
            String iso2 = iso3 == null ? null : ISO3_TO_ISO2.get(iso3);
            LocalDate dob = f == null ? null : f.birthDate();
            LocalDate expiry = f == null ? null : f.expiresAt();
            LocalDate issued = f == null ? null : f.issuedAt();
            m.put("age", dob == null ? null : (int) ChronoUnit.YEARS.between(dob, today));
            m.put("country_full", iso2 == null ? null : Locale.of("", iso2).getDisplayCountry(Locale.ENGLISH));
            m.put("country_iso2", iso2);
            m.put("country_iso3", iso3);
            m.put("days_from_issue", issued == null ? null : ChronoUnit.DAYS.between(issued, today));
            m.put("days_to_expiry", expiry == null ? null : ChronoUnit.DAYS.between(today, expiry));
            date(m, "dob", dob);
            m.put("document_name", f == null ? null : (iso3 == null ? "" : iso3 + " ") + name(documentType, f));
            m.put("document_number", f == null ? null : f.documentNumber());
            m.put("document_type", f == null ? null : letter(documentType, f));
            date(m, "expiry", expiry);
            m.put("first_name", f == null ? null : f.firstName());
            m.put("full_name", f == null ? null : String.join(" ", java.util.stream.Stream.of(f.firstName(), f.middleName(),
                    f.lastName(), f.nameSuffix()).filter(x -> x != null && !x.isBlank()).toList()));
            m.put("internal_id", null);
            date(m, "issued", issued);
            m.put("last_name", f == null ? null : f.lastName());
            m.put("middle_name", f == null ? null : f.middleName());
            m.put("nationality_full", null);
            m.put("personal_number", null);
            m.put("place_of_birth", null);
            m.put("sex", f == null ? null : f.gender());
            m.put("address", f == null || f.street() == null ? null : String.join(", ", java.util.stream.Stream.of(f.street(),
                    f.city(), f.state(), f.postalCode()).filter(x -> x != null && !x.isBlank()).toList()));
            m.put("issue_authority", f == null ? null : f.issuingState());
            m.put("vehicle_class", f == null ? null : f.documentClass());
            return new DocumentData(m);
        }

        private static void date(Map<String, Object> m, String name, LocalDate d) {
            m.put(name, d == null ? null : d.toString());
            m.put(name + "_day", d == null ? null : d.getDayOfMonth());
            m.put(name + "_month", d == null ? null : d.getMonthValue());
            m.put(name + "_year", d == null ? null : d.getYear());
        }

        private static String letter(String type, DocumentFields f) {
            if (f.source() == DocumentFields.Source.MRZ) {
                return "P";
            }
            return "driver_license".equals(type) || f.source() == DocumentFields.Source.BARCODE ? "D" : "I";
        }

        private static String name(String type, DocumentFields f) {
            return switch (letter(type, f)) {
                case "P" -> "Passport";
                case "D" -> "Driver License";
                default -> "Identity Card";
            };
        }
    }
}
