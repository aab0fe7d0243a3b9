package io.verity.documents.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.verity.documents.DocumentFields;
import io.verity.documents.DocumentFields.Source;
import io.verity.documents.DocumentReading;
import io.verity.documents.DocumentReading.CheckDigit;
import io.verity.documents.fraud.ForensicsReport;
import io.verity.documents.sanctions.SanctionsMatch;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The document checks and the one scoring step, on readings the test builds. */
class DecisionTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 3);
    static final Policy POLICY = new Policy(0.2, 1, 0.15, 1, 1, 1, 1, 1, 0.1, 1, true, Map.of(),
            List.of("document_number", "first_name", "last_name", "birth_date", "expires_at"));

    static DocumentFields fields(Source source, String number, String country, LocalDate expires, String first,
            String last, String street) {
        return new DocumentFields(source, number, country, source == Source.BARCODE ? "CA" : null, LocalDate.of(2020, 1, 2),
                expires, first, null, last, null, LocalDate.of(1985, 4, 12), "F", street, street == null ? null : "SACRAMENTO",
                street == null ? null : "CA", street == null ? null : "95818", null, null, null, null, null, null);
    }

    static DocumentReading licence(String printedFirst, LocalDate expires, List<String> ocr) {
        DocumentFields barcode = fields(Source.BARCODE, "D1234567", "USA", expires, "JANE", "DOE", "2570 24TH STREET");
        DocumentFields printed = fields(Source.VISUAL_ZONE, "D1234567", null, expires, printedFirst, "DOE", "2570 24TH STREET");
        return new DocumentReading(barcode, "@\nANSI 636014...", null, List.of(), List.of(), printed, ocr, List.of());
    }

    static DocumentEvidence evidence(DocumentReading r, List<SanctionsMatch> sanctions) {
        ForensicsReport clean = new ForensicsReport(0.05, 0.05, null, 92, "00", List.of());
        return new DocumentEvidence("driver_license", r, null, List.of(new SideEvidence("front", clean, 0, null),
                new SideEvidence("back", clean, 0, null)), true, sanctions, "sdn 8976 abc", null, TODAY);
    }

    static Decision decide(DocumentEvidence e, Policy p) {
        return Decider.decide(DocumentChecks.evaluate(e, p), 0.3);
    }

    static final List<String> OCR = List.of("CALIFORNIA", "DRIVER LICENSE", "DL D1234567", "EXP 04/12/2030", "LN DOE", "FN JANE");

    @Test
    void aCleanLicenceIsVerifiedWithEveryDocumentCheckReported() {
        Decision d = decide(evidence(licence("JANE", LocalDate.of(2030, 4, 12), OCR), List.of()), POLICY);
        assertThat(d.details()).isEmpty();
        assertThat(d.verified()).isTrue();
        assertThat(d.score()).isEqualTo(1f);
        List<CheckOutcome> checks = DocumentChecks.evaluate(evidence(licence("JANE", LocalDate.of(2030, 4, 12), OCR), List.of()), POLICY);
        assertThat(checks).extracting(CheckOutcome::name).contains("document_read", "document_expired", "known_sample",
                "doc_front_suspicious_words", "ocr_name_match", "ocr_address_match", "ocr_document_number_match",
                "doc_front_image_manipulation", "doc_back_online_duplication", "doc_front_is_identity_document",
                "sanctions", "requirements", "dmv");
        assertThat(checks.stream().filter(c -> c.name().equals("mrz_check_digits")).findFirst().orElseThrow().performed()).isFalse();
    }

    @Test
    void anExpiredDocumentIsRejected() {
        Decision d = decide(evidence(licence("JANE", LocalDate.of(2024, 1, 31), OCR), List.of()), POLICY);
        assertThat(d.verified()).isFalse();
        assertThat(d.details()).extracting(Decision.Detail::code).containsExactly("DOCUMENT_EXPIRED");
        assertThat(d.details().get(0).decision()).isEqualTo(Severity.REJECT);
        assertThat(d.details().get(0).description()).contains("2024-01-31");
    }

    @Test
    void aPrintedNameThatDiffersFromTheBarcodeIsABarcodeMismatchForReview() {
        Decision d = decide(evidence(licence("JOHANNA", LocalDate.of(2030, 4, 12), OCR), List.of()), POLICY);
        assertThat(d.details()).extracting(Decision.Detail::code).containsExactly("BARCODE_MISMATCH");
        assertThat(d.details().get(0).decision()).isEqualTo(Severity.REVIEW);
        // a one-letter OCR slip is within the weights' tolerance
        assertThat(decide(evidence(licence("JANF", LocalDate.of(2030, 4, 12), OCR), List.of()), POLICY).details()).isEmpty();
        // the session's ocr_name_match_fail makes it a reject
        Policy strict = withSettings(Map.of("ocr_name_match_fail", true));
        Decision rejected = decide(evidence(licence("JOHANNA", LocalDate.of(2030, 4, 12), OCR), List.of()), strict);
        assertThat(rejected.verified()).isFalse();
        assertThat(rejected.details().get(0).decision()).isEqualTo(Severity.REJECT);
    }

    @Test
    void aSpecimenIsAFakeId() {
        List<String> ocr = new ArrayList<>(OCR);
        ocr.add("SPEC1MEN");
        Decision d = decide(evidence(licence("JANE", LocalDate.of(2030, 4, 12), ocr), List.of()), POLICY);
        assertThat(d.details()).extracting(Decision.Detail::code).containsExactly("FAKE_ID");
        assertThat(d.details().get(0).decision()).isEqualTo(Severity.REJECT);
        assertThat(d.details().get(0).description()).contains("SPECIMEN");
    }

    @Test
    void utopiaAndTheIcaoSpecimenNumberAreAFakeIdAndAWrongCheckDigitFailsTheMrz() {
        DocumentFields mrz = new DocumentFields(Source.MRZ, "L898902C3", "UTO", null, null, LocalDate.of(2032, 4, 15),
                "ANNA MARIA", null, "ERIKSSON", null, LocalDate.of(1974, 8, 12), "F", null, null, null, null, null, null,
                null, null, null, null);
        List<CheckDigit> digits = List.of(new CheckDigit("document_number", '6', '6'), new CheckDigit("birth_date", '1', '2'));
        DocumentReading r = new DocumentReading(null, null, mrz, List.of("P<UTOERIKSSON<<ANNA<MARIA", "L898902C36UTO7408122F1204159"),
                digits, null, List.of("PASSPORT", "UTOPIA", "ERIKSSON", "ANNA MARIA"), List.of());
        Decision d = decide(evidence(r, List.of()), POLICY);
        assertThat(d.details()).extracting(Decision.Detail::code).containsExactly("FAKE_ID", "MRZ_CHECK_FAILED");
        assertThat(d.details()).allMatch(x -> x.decision() == Severity.REJECT);
        assertThat(d.details().get(0).description()).contains("UTO").contains("L898902C3");
        assertThat(d.details().get(1).description()).contains("birth_date (printed 1, computed 2)");
    }

    @Test
    void aSanctionedNameIsRejectedUnlessTheDateOfBirthDiffers() {
        SanctionsMatch hit = new SanctionsMatch(23343, "KADYROV, Ramzan Akhmatovich", "KADYROV, Ramzan Akhmatovich", 1.0,
                true, "MAGNIT] [GLOMAG", List.of());
        Decision d = decide(evidence(licence("JANE", LocalDate.of(2030, 4, 12), OCR), List.of(hit)), POLICY);
        assertThat(d.details()).extracting(Decision.Detail::code).containsExactly("SANCTIONS_HIT");
        assertThat(d.details().get(0).decision()).isEqualTo(Severity.REJECT);
        assertThat(d.details().get(0).confidence()).isEqualTo(1.0);
        SanctionsMatch otherPerson = new SanctionsMatch(23343, hit.listedName(), hit.matchedName(), 1.0, false, hit.programs(), List.of());
        Decision review = decide(evidence(licence("JANE", LocalDate.of(2030, 4, 12), OCR), List.of(otherPerson)), POLICY);
        assertThat(review.details().get(0).decision()).isEqualTo(Severity.REVIEW);
        assertThat(review.details().get(0).confidence()).isEqualTo(0.5);
    }

    @Test
    void missingRequiredFieldsAndAnUnreadDocument() {
        DocumentReading noBirth = new DocumentReading(null, null, null, List.of(), List.of(),
                new DocumentFields(Source.VISUAL_ZONE, "X1", null, null, null, LocalDate.of(2030, 1, 1), "JANE", null, "DOE",
                        null, null, null, null, null, null, null, null, null, null, null, null, null), OCR, List.of());
        Decision d = decide(evidence(noBirth, List.of()), POLICY);
        assertThat(d.details()).extracting(Decision.Detail::code).contains("REQUIRED_FIELD_MISSING");
        assertThat(d.details().stream().filter(x -> x.code().equals("REQUIRED_FIELD_MISSING")).findFirst().orElseThrow()
                .description()).contains("birth_date");
        DocumentReading nothing = new DocumentReading(null, null, null, List.of(), List.of(), null, List.of(),
                List.of("no PDF417 found on the back image"));
        Decision unread = decide(evidence(nothing, null), POLICY);
        assertThat(unread.details()).extracting(Decision.Detail::code).contains("DOCUMENT_UNREADABLE");
        assertThat(unread.details().get(0).description()).contains("No PDF417 found");
    }

    @Test
    void withoutAReaderNoDocumentCheckIsPerformedOrPassed() {
        DocumentEvidence none = new DocumentEvidence("passport", null, "no document reader is installed", List.of(), true,
                null, null, null, TODAY);
        List<CheckOutcome> checks = DocumentChecks.evaluate(none, POLICY);
        assertThat(checks).allMatch(c -> !c.performed() && c.passed() == null);
        assertThat(checks.get(0).reason()).isEqualTo("no document reader is installed");
    }

    @Test
    void manipulationAndDuplicationGoToReviewByDefault() {
        ForensicsReport edited = new ForensicsReport(0.9, 0.9, "Adobe Photoshop", 75, "01", List.of("the file was saved by Adobe Photoshop"));
        DocumentEvidence e = new DocumentEvidence("driver_license", licence("JANE", LocalDate.of(2030, 4, 12), OCR), null,
                List.of(new SideEvidence("front", edited, 2, null)), true, List.of(), null, null, TODAY);
        Decision d = decide(e, POLICY);
        assertThat(d.details()).extracting(Decision.Detail::code).containsExactly("IMAGE_MANIPULATED", "DUPLICATE_DOCUMENT");
        assertThat(d.details()).allMatch(x -> x.decision() == Severity.REVIEW);
        assertThat(d.verified()).isTrue();
        assertThat(d.reviewScore()).isEqualTo(2);
        Decision strict = decide(e, withSettings(Map.of("doc_front_image_manipulation_fail", true)));
        assertThat(strict.verified()).isFalse();
        assertThat(strict.rejectScore()).isEqualTo(1);
    }

    @Test
    void theSameInputsAlwaysGiveTheSameDecision() {
        DocumentEvidence e = evidence(licence("JOHANNA", LocalDate.of(2024, 1, 31), OCR), List.of());
        Decision first = decide(e, POLICY);
        for (int i = 0; i < 5; i++) {
            assertThat(decide(e, POLICY)).isEqualTo(first);
        }
    }

    @Test
    void aScoreBelowTheSessionToleranceIsALowScoreReject() {
        List<Outcome> outcomes = List.of(CheckOutcome.passed("document_read", false, null, null, 1),
                CheckOutcome.failed("doc_front_online_duplication", false, 1.0, 0.0, 1, "seen before", 0.9),
                CheckOutcome.failed("doc_back_online_duplication", false, 1.0, 0.0, 1, "seen before", 0.9));
        Decision d = Decider.decide(outcomes, 0.3);
        assertThat(d.score()).isEqualTo(1f / 3);
        assertThat(d.verified()).isFalse();
        assertThat(d.details()).extracting(Decision.Detail::code).containsExactly("DUPLICATE_DOCUMENT", "DUPLICATE_DOCUMENT", "LOW_SCORE");
    }

    static Policy withSettings(Map<String, Object> settings) {
        return new Policy(POLICY.fieldTolerance(), POLICY.fieldWeight(), POLICY.ofacTolerance(), POLICY.ofacWeight(),
                POLICY.suspiciousWordsWeight(), POLICY.imageManipulationWeight(), POLICY.onlineDuplicationWeight(),
                POLICY.isIdentityDocumentWeight(), POLICY.aamvaTolerance(), POLICY.aamvaWeight(), true, settings,
                POLICY.requiredFields());
    }
}
