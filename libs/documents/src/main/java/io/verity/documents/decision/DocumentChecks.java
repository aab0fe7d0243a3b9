package io.verity.documents.decision;

import io.verity.documents.DocumentFields;
import io.verity.documents.DocumentReading;
import io.verity.documents.fraud.KnownSamples;
import io.verity.documents.fraud.SuspiciousWords;
import io.verity.documents.sanctions.Names;
import io.verity.documents.sanctions.SanctionsMatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The document checks, computed from stored {@link DocumentEvidence} and a {@link Policy} only, so that a decision
 * can be made again from what was stored. A check whose input is missing is not performed, never passed.
 *
 * <p>Defaults when the session's settings do not say: exact signals (expiry, check digits, specimen words and numbers,
 * a sanctions hit whose date of birth agrees or is unknown, missing required fields) fail the session; heuristic
 * signals (image manipulation, online duplication, field cross-checks, DMV) are sent to review unless the matching
 * {@code *_fail} setting is true. See docs/adr/0018-one-scoring-step-for-documents.md.
 */
public final class DocumentChecks {

    /** A side's image with at least this manipulation score fails the image-manipulation check. */
    public static final double MANIPULATION_THRESHOLD = 0.5;

    private DocumentChecks() {
    }

    public static List<CheckOutcome> evaluate(DocumentEvidence e, Policy p) {
        List<CheckOutcome> out = new ArrayList<>();
        DocumentReading r = e.reading();
        out.add(read(e));
        DocumentFields merged = merged(r);
        out.add(expired(e, merged));
        out.add(knownSample(r, p));
        out.add(suspiciousWords(r, p));
        out.add(checkDigits(r));
        out.add(crossCheck("ocr_name_match", r, p, f -> join(f.firstName(), f.middleName(), f.lastName()), true));
        out.add(crossCheck("ocr_address_match", r, p, f -> join(f.street(), f.city(), f.state(), f.postalCode()), false));
        out.add(crossCheck("ocr_document_number_match", r, p, DocumentFields::documentNumber, false));
        for (String side : List.of("front", "back")) {
            SideEvidence s = e.sides().stream().filter(x -> x.side().equals(side)).findFirst().orElse(null);
            out.add(manipulation(side, s, p));
            out.add(duplication(side, s, p));
        }
        out.add(isIdentityDocument(e, p));
        out.add(sanctions(e, p));
        out.add(requirements(r, merged, p));
        out.add(dmv(e, p));
        return List.copyOf(out);
    }

    /** The document's fields, each from the most reliable source that has it: barcode, then MRZ, then printed zone. */
    public static DocumentFields merged(DocumentReading r) {
        if (r == null) {
            return null;
        }
        List<DocumentFields> sources = Stream.of(r.barcode(), r.mrz(), r.visualZone()).filter(Objects::nonNull).toList();
        if (sources.isEmpty()) {
            return null;
        }
        return new DocumentFields(sources.get(0).source(), first(sources, DocumentFields::documentNumber),
                first(sources, DocumentFields::issuingCountry), first(sources, DocumentFields::issuingState),
                first(sources, DocumentFields::issuedAt), first(sources, DocumentFields::expiresAt),
                first(sources, DocumentFields::firstName), first(sources, DocumentFields::middleName),
                first(sources, DocumentFields::lastName), first(sources, DocumentFields::nameSuffix),
                first(sources, DocumentFields::birthDate), first(sources, DocumentFields::gender),
                first(sources, DocumentFields::street), first(sources, DocumentFields::city),
                first(sources, DocumentFields::state), first(sources, DocumentFields::postalCode),
                first(sources, DocumentFields::height), first(sources, DocumentFields::weight),
                first(sources, DocumentFields::eyeColor), first(sources, DocumentFields::hairColor),
                first(sources, DocumentFields::documentClass), first(sources, DocumentFields::restrictions));
    }

    private static CheckOutcome read(DocumentEvidence e) {
        DocumentReading r = e.reading();
        if (r == null) {
            return CheckOutcome.notPerformed("document_read", e.readerProblem());
        }
        if (r.barcode() == null && r.mrz() == null && r.visualZone() == null) {
            return CheckOutcome.failed("document_read", false, null, null, 1,
                    r.problems().isEmpty() ? "nothing could be read" : String.join("; ", r.problems()), 1);
        }
        return CheckOutcome.passed("document_read", false, null, null, 1);
    }

    private static CheckOutcome expired(DocumentEvidence e, DocumentFields f) {
        if (f == null || f.expiresAt() == null) {
            return CheckOutcome.notPerformed("document_expired", "no expiry date was read");
        }
        long days = f.expiresAt().toEpochDay() - e.asOf().toEpochDay();
        if (days >= 0) {
            return CheckOutcome.passed("document_expired", true, (double) days, 0.0, 1);
        }
        return CheckOutcome.failed("document_expired", true, (double) days, 0.0, 1,
                "expired on " + f.expiresAt() + ", " + -days + " days before " + e.asOf(), 1);
    }

    private static CheckOutcome knownSample(DocumentReading r, Policy p) {
        if (r == null) {
            return CheckOutcome.notPerformed("known_sample", "the document was not read");
        }
        List<String> found = KnownSamples.find(r.barcode(), r.mrz(), r.visualZone());
        return found.isEmpty() ? CheckOutcome.passed("known_sample", true, null, null, p.suspiciousWordsWeight())
                : CheckOutcome.failed("known_sample", true, null, null, p.suspiciousWordsWeight(), String.join("; ", found), 1);
    }

    private static CheckOutcome suspiciousWords(DocumentReading r, Policy p) {
        String name = "doc_front_suspicious_words";
        if (r == null || r.ocrText() == null || r.ocrText().isEmpty()) {
            return CheckOutcome.notPerformed(name, "no text was read from the front");
        }
        boolean fails = p.fails("doc_front_suspicious_words_fail", true);
        List<String> words = SuspiciousWords.find(r.ocrText());
        return words.isEmpty() ? CheckOutcome.passed(name, fails, 0.0, 0.0, p.suspiciousWordsWeight())
                : CheckOutcome.failed(name, fails, (double) words.size(), 0.0, p.suspiciousWordsWeight(),
                        "the front shows " + String.join(", ", words), 1);
    }

    private static CheckOutcome checkDigits(DocumentReading r) {
        if (r == null || r.checkDigits() == null || r.checkDigits().isEmpty()) {
            return CheckOutcome.notPerformed("mrz_check_digits", "no machine-readable zone was read");
        }
        List<String> wrong = r.checkDigits().stream().filter(d -> !d.valid())
                .map(d -> d.field() + " (printed " + d.printed() + ", computed " + d.computed() + ")").toList();
        return wrong.isEmpty() ? CheckOutcome.passed("mrz_check_digits", true, 0.0, 0.0, 1)
                : CheckOutcome.failed("mrz_check_digits", true, (double) wrong.size(), 0.0, 1,
                        "wrong check digit for " + String.join(", ", wrong), 1);
    }

    /** The printed zone against the barcode (or, without one, the MRZ), within the field tolerance. */
    private static CheckOutcome crossCheck(String name, DocumentReading r, Policy p, Function<DocumentFields, String> field,
            boolean wordsInAnyOrder) {
        if (r == null || r.visualZone() == null) {
            return CheckOutcome.notPerformed(name, "the printed zone was not read");
        }
        DocumentFields reference = r.barcode() != null && field.apply(r.barcode()) != null ? r.barcode() : r.mrz();
        String printed = field.apply(r.visualZone());
        String expected = reference == null ? null : field.apply(reference);
        if (printed == null || expected == null) {
            return CheckOutcome.notPerformed(name, "the field was not read from both the printed zone and "
                    + (reference == r.barcode() && reference != null ? "the barcode" : "the barcode or the MRZ"));
        }
        ReasonCode code = reference == r.barcode() ? ReasonCode.BARCODE_MISMATCH : ReasonCode.MRZ_MISMATCH;
        double distance = distance(normalise(printed, wordsInAnyOrder), normalise(expected, wordsInAnyOrder));
        boolean fails = p.fails(name + "_fail", false);
        if (distance <= p.fieldTolerance()) {
            return CheckOutcome.passed(name, fails, round(distance), p.fieldTolerance(), p.fieldWeight()).withCode(code);
        }
        String source = code == ReasonCode.BARCODE_MISMATCH ? "barcode" : "MRZ";
        return CheckOutcome.failed(name, fails, round(distance), p.fieldTolerance(), p.fieldWeight(),
                "printed \"" + printed + "\" but the " + source + " says \"" + expected + "\"",
                Math.min(1, 0.5 + distance)).withCode(code);
    }

    private static CheckOutcome manipulation(String side, SideEvidence s, Policy p) {
        String name = "doc_" + side + "_image_manipulation";
        if (!p.imageManipulationTest()) {
            return CheckOutcome.notPerformed(name, "perform_image_manipulation_test is off");
        }
        if (s == null || s.forensics() == null) {
            return CheckOutcome.notPerformed(name, s == null ? "no " + side + " image" : s.problem());
        }
        boolean fails = p.fails(name + "_fail", false);
        double score = s.forensics().manipulation();
        if (score < MANIPULATION_THRESHOLD) {
            return CheckOutcome.passed(name, fails, score, MANIPULATION_THRESHOLD, p.imageManipulationWeight());
        }
        return CheckOutcome.failed(name, fails, score, MANIPULATION_THRESHOLD, p.imageManipulationWeight(),
                String.join("; ", s.forensics().findings()), score);
    }

    private static CheckOutcome duplication(String side, SideEvidence s, Policy p) {
        String name = "doc_" + side + "_online_duplication";
        if (!p.imageManipulationTest()) { // the image fraud tests go together (docs/adr/0018)
            return CheckOutcome.notPerformed(name, "perform_image_manipulation_test is off");
        }
        if (s == null || s.forensics() == null) {
            return CheckOutcome.notPerformed(name, s == null ? "no " + side + " image" : s.problem());
        }
        boolean fails = p.fails(name + "_fail", false);
        if (s.earlierSightings() == 0) {
            return CheckOutcome.passed(name, fails, 0.0, 0.0, p.onlineDuplicationWeight());
        }
        return CheckOutcome.failed(name, fails, (double) s.earlierSightings(), 0.0, p.onlineDuplicationWeight(),
                "the same " + side + " image was submitted " + s.earlierSightings() + " time(s) before", 0.9);
    }

    /** A portrait, a machine-readable zone or barcode, and printed fields: the layout of an identity document. */
    private static CheckOutcome isIdentityDocument(DocumentEvidence e, Policy p) {
        String name = "doc_front_is_identity_document";
        DocumentReading r = e.reading();
        if (r == null) {
            return CheckOutcome.notPerformed(name, "the document was not read");
        }
        boolean machine = r.mrz() != null || r.barcode() != null;
        boolean printed = r.visualZone() != null || r.ocrText() != null && r.ocrText().size() >= 3;
        List<String> missing = new ArrayList<>();
        if (!e.portraitFound()) {
            missing.add("no portrait");
        }
        if (!machine) {
            missing.add("no machine-readable zone or barcode");
        }
        if (!printed) {
            missing.add("no printed fields");
        }
        boolean fails = p.fails(name + "_fail", true);
        double value = (3 - missing.size()) / 3.0;
        return missing.isEmpty() ? CheckOutcome.passed(name, fails, 1.0, 1.0, p.isIdentityDocumentWeight())
                : CheckOutcome.failed(name, fails, round(value), 1.0, p.isIdentityDocumentWeight(),
                        String.join(", ", missing), 1 - value / 2);
    }

    private static CheckOutcome sanctions(DocumentEvidence e, Policy p) {
        if (e.sanctions() == null) {
            return CheckOutcome.notPerformed("sanctions", e.reading() == null ? "no name was read"
                    : "not screened: perform_ofac_test is off, no name was read, or no sanctions list is loaded");
        }
        if (e.sanctions().isEmpty()) {
            return CheckOutcome.passed("sanctions", true, 0.0, 1 - p.ofacTolerance(), p.ofacWeight());
        }
        SanctionsMatch best = e.sanctions().get(0);
        boolean dateConflicts = e.sanctions().stream().noneMatch(m -> !Boolean.FALSE.equals(m.birthDateMatches()));
        boolean fails = p.fails("sanctions_fail", true) && !dateConflicts;
        String reason = e.sanctions().stream().map(m -> "%s (OFAC SDN %d, %s, score %.2f%s)".formatted(m.matchedName(),
                m.entryId(), m.programs(), m.score(), m.birthDateMatches() == null ? ""
                        : m.birthDateMatches() ? ", date of birth agrees" : ", date of birth differs"))
                .collect(Collectors.joining("; "));
        return CheckOutcome.failed("sanctions", fails, best.score(), 1 - p.ofacTolerance(), p.ofacWeight(),
                reason, dateConflicts ? best.score() / 2 : best.score()).withReference(String.valueOf(best.entryId()));
    }

    private static CheckOutcome requirements(DocumentReading r, DocumentFields f, Policy p) {
        if (r == null || p.requiredFields() == null || p.requiredFields().isEmpty()) {
            return CheckOutcome.notPerformed("requirements", r == null ? "the document was not read" : "no field is required");
        }
        Map<String, Object> present = fieldMap(f, r);
        List<String> missing = p.requiredFields().stream().filter(n -> present.containsKey(n) && present.get(n) == null).toList();
        return missing.isEmpty() ? CheckOutcome.passed("requirements", true, 0.0, 0.0, 1)
                : CheckOutcome.failed("requirements", true, (double) missing.size(), 0.0, 1,
                        "not read: " + String.join(", ", missing), 1);
    }

    private static CheckOutcome dmv(DocumentEvidence e, Policy p) {
        if (e.dmv() == null || e.dmv().isEmpty()) {
            return CheckOutcome.notPerformed("dmv", "the issuing DMV was not asked (perform_aamva_test is off, the document "
                    + "is not a US licence or ID card, or no DLDV endpoint is configured)");
        }
        long asked = e.dmv().values().stream().filter(Objects::nonNull).count();
        List<String> differ = e.dmv().entrySet().stream().filter(x -> Boolean.FALSE.equals(x.getValue())).map(Map.Entry::getKey).toList();
        double share = asked == 0 ? 1 : (double) differ.size() / asked;
        boolean fails = p.fails("dmv_fail", false);
        return share <= p.aamvaTolerance() ? CheckOutcome.passed("dmv", fails, round(share), p.aamvaTolerance(), p.aamvaWeight())
                : CheckOutcome.failed("dmv", fails, round(share), p.aamvaTolerance(), p.aamvaWeight(),
                        "the DMV's record differs in " + String.join(", ", differ), Math.min(1, 0.5 + share));
    }

    /** The requirement names of the spec and what was read for each (null when nothing). */
    public static Map<String, Object> fieldMap(DocumentFields f, DocumentReading r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("document_number", f == null ? null : f.documentNumber());
        m.put("issue_at", f == null ? null : f.issuedAt());
        m.put("expires_at", f == null ? null : f.expiresAt());
        m.put("issuing_country", f == null ? null : f.issuingCountry());
        m.put("issuing_state", f == null ? null : f.issuingState());
        m.put("first_name", f == null ? null : f.firstName());
        m.put("middle_name", f == null ? null : f.middleName());
        m.put("last_name", f == null ? null : f.lastName());
        m.put("name_suffix", f == null ? null : f.nameSuffix());
        m.put("street", f == null ? null : f.street());
        m.put("city", f == null ? null : f.city());
        m.put("state", f == null ? null : f.state());
        m.put("postal_code", f == null ? null : f.postalCode());
        m.put("birth_date", f == null ? null : f.birthDate());
        m.put("gender", f == null ? null : f.gender());
        m.put("height", f == null ? null : f.height());
        m.put("weight", f == null ? null : f.weight());
        m.put("eye_color", f == null ? null : f.eyeColor());
        m.put("hair_color", f == null ? null : f.hairColor());
        m.put("class", f == null ? null : f.documentClass());
        m.put("restrictions", f == null ? null : f.restrictions());
        m.put("raw_barcode", r == null ? null : r.rawBarcode());
        return m;
    }

    private static <T> T first(List<DocumentFields> sources, Function<DocumentFields, T> field) {
        return sources.stream().map(field).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static String join(String... parts) {
        String s = Arrays.stream(parts).filter(x -> x != null && !x.isBlank()).collect(Collectors.joining(" "));
        return s.isEmpty() ? null : s;
    }

    private static String normalise(String s, boolean wordsInAnyOrder) {
        String[] tokens = Names.tokens(s);
        return wordsInAnyOrder ? Names.key(tokens) : String.join(" ", tokens).toUpperCase(Locale.ROOT);
    }

    private static double distance(String a, String b) {
        int longest = Math.max(a.length(), b.length());
        return longest == 0 ? 0 : (double) LevenshteinDistance.getDefaultInstance().apply(a, b) / longest;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
