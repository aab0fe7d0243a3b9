package io.verity.idv;

import static io.verity.idv.Idv.backend;
import static io.verity.idv.Idv.consent;
import static io.verity.idv.Idv.createSession;
import static io.verity.idv.Idv.documentType;
import static io.verity.idv.Idv.face;
import static io.verity.idv.Idv.generate;
import static io.verity.idv.Idv.image;
import static io.verity.idv.Idv.process;
import static io.verity.idv.Idv.sdk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.verity.documents.decision.Decision;
import io.verity.documents.tools.AamvaFixtures;
import io.verity.idv.domain.Session;
import io.verity.idv.service.DecisionService;
import io.verity.idv.service.SanctionsList;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Finalization with document evidence, over HTTP with real photos, the real matcher, weights-service and the 2021
 * OFAC list of ../shared/data/sanctions. The documents are drawn ({@link Documents}: a licence with the portrait, its
 * PDF417 back) with the content that causes each outcome, and read by the real reader (OcrDocumentReader) as in
 * production; forensics, sightings, screening, the decision and its storage are the real ones.
 */
@QuarkusTest
class DocumentDecisionTest {

    @Inject
    TestTenants tenants;

    @Inject
    SanctionsList sanctions;

    @Inject
    DecisionService decisions;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void listLoaded() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (sanctions.current() == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(sanctions.current()).as("the SDN list of ../shared/data/sanctions is loaded").isNotNull();
        assertThat(sanctions.current().version()).startsWith("OFAC SDN 8976 entries");
    }

    /** A driver-licence session up to finalization: {@code printed} on the front, {@code holder} in the barcode. */
    static String session(TestTenants.Tenant tenant, long seed, AamvaFixtures.Holder holder) {
        return session(tenant, seed, holder, holder, null, Map.of("perform_ofac_test", true, "perform_image_manipulation_test", true));
    }

    static String session(TestTenants.Tenant tenant, long seed, AamvaFixtures.Holder holder, AamvaFixtures.Holder printed,
            String mark, Map<String, Object> settings) {
        String session = createSession(tenant, "passive", Map.of("settings", settings));
        consent(tenant, session).statusCode(200);
        documentType(tenant, session, "driver_license").statusCode(200);
        image(tenant, "front", session, Documents.licenceFront(printed, face("obama/obama-3.jpg"), seed, mark)).statusCode(200);
        image(tenant, "back", session, Documents.licenceBack(holder, seed)).statusCode(200);
        generate(tenant, session);
        process(tenant, session, List.of(face("obama/obama-1.jpg"))).statusCode(200).body("liveness_detected", equalTo(true));
        return session;
    }

    static ValidatableResponse finalizeWith(TestTenants.Tenant tenant, String session, Map<String, Object> settings) {
        return sdk(tenant, "finalize", Map.of("session_id", session, "settings", settings));
    }

    @Test
    void aCleanLicenceIsVerifiedItsFieldsStoredAndEveryCheckReported() {
        TestTenants.Tenant tenant = tenants.create("doc-clean");
        long seed = System.nanoTime();
        String session = session(tenant, seed, Documents.holder("D7654321", "JANE", "DOE", LocalDate.of(1985, 4, 12),
                LocalDate.now().plusYears(3), "2570 24TH STREET"));
        finalizeWith(tenant, session, Map.of()).statusCode(200)
                .body("verified", equalTo(true))
                .body("on_sanction_list", equalTo(false))
                .body("sanction_matches.size()", equalTo(0))
                // the card is a composite (a JPEG portrait pasted on a drawn card): error-level analysis may see that
                // (a review, about 1 card in 5); nothing else may fail
                .body("reasons.findAll { it.decision == 'reject' }.size()", equalTo(0))
                .body("reasons.findAll { it.code != 'IMAGE_MANIPULATED' }.size()", equalTo(0));
        backend(tenant, "sessions/tests/read", Map.of("session_id", session)).statusCode(200)
                .body("doc_front_image_manipulation", org.hamcrest.Matchers.notNullValue())
                .body("doc_back_image_manipulation", org.hamcrest.Matchers.notNullValue())
                .body("doc_front_online_duplication", equalTo("passed"))
                .body("doc_front_suspicious_words", equalTo("passed"))
                .body("doc_front_is_identity_document", equalTo("passed"))
                .body("name_crosscheck", equalTo(true))
                .body("address_crosscheck", equalTo(true))
                .body("document_number_crosscheck", equalTo(true))
                .body("dmv_document_number_match", nullValue())
                .body("checks.name", hasItems("face_match", "liveness", "document_read", "document_expired", "known_sample",
                        "mrz_check_digits", "sanctions", "requirements", "dmv"))
                .body("checks.find { it.name == 'mrz_check_digits' }.performed", equalTo(false))
                .body("checks.find { it.name == 'sanctions' }.passed", equalTo(true))
                .body("decision.verified", equalTo(true))
                .body("failed_checks", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.containsString("image_manipulation")));
        backend(tenant, "documents/list", Map.of("session_id", session)).statusCode(200)
                .body("documents[0].first_name", equalTo("JANE"))
                .body("documents[0].last_name", equalTo("DOE"))
                .body("documents[0].document_number", equalTo("D7654321"))
                .body("documents[0].birth_date", equalTo("1985-04-12"))
                .body("documents[0].data_source_e", equalTo("barcode"));
    }

    @Test
    void anExpiredSanctionedSpecimenWithAMismatchedAddressIsRejectedWithEachReasonAndDecidedAgainAlike() throws Exception {
        TestTenants.Tenant tenant = tenants.create("doc-bad");
        // a specimen of an expired licence of a sanctioned person, whose front prints another street than its barcode
        AamvaFixtures.Holder ramzan = Documents.holder("D1111111", "RAMZAN", "KADYROV", LocalDate.of(1976, 10, 5),
                LocalDate.of(2021, 6, 30), "2570 24TH STREET");
        String session = session(tenant, System.nanoTime(), ramzan, Documents.withStreet(ramzan, "9 ELM AVENUE"),
                "SPECIMEN", Map.of("perform_ofac_test", true, "perform_image_manipulation_test", true));
        finalizeWith(tenant, session, Map.of()).statusCode(200)
                .body("verified", equalTo(false))
                .body("on_sanction_list", equalTo(true))
                .body("sanction_matches[0].entry_id", equalTo(23343))
                .body("sanction_matches[0].birth_date_matches", equalTo(true))
                .body("reasons.find { it.code == 'DOCUMENT_EXPIRED' }.decision", equalTo("reject"))
                .body("reasons.find { it.code == 'SANCTIONS_HIT' }.decision", equalTo("reject"))
                .body("reasons.find { it.code == 'FAKE_ID' }.decision", equalTo("reject"))
                .body("reasons.find { it.code == 'BARCODE_MISMATCH' }.decision", equalTo("review"))
                .body("reasons.find { it.code == 'BARCODE_MISMATCH' }.description", startsWith("The data in the barcode differ"));
        backend(tenant, "sessions/tests/read", Map.of("session_id", session)).statusCode(200)
                .body("doc_front_suspicious_words", equalTo("failed: the front shows SPECIMEN"))
                .body("address_crosscheck", equalTo(false))
                .body("name_crosscheck", equalTo(true))
                .body("failed_checks", hasItems("document_expired", "doc_front_suspicious_words", "ocr_address_match", "sanctions"));

        // decided again from the stored inputs and the recorded weights version: the same decision
        Session stored = stored(tenant.clientId(), UUID.fromString(session));
        Decision first = json.readValue(stored.decision, Decision.class);
        DecisionService.Outcome again = decisions.redecide(tenant.clientId(), UUID.fromString(session));
        assertThat(again.decision()).isEqualTo(first);
        assertThat(first.details()).extracting(Decision.Detail::code)
                .contains("DOCUMENT_EXPIRED", "FAKE_ID", "SANCTIONS_HIT", "BARCODE_MISMATCH");
    }

    @Test
    void theSameFrontSubmittedAgainIsAnOnlineDuplicateForReview() {
        TestTenants.Tenant first = tenants.create("doc-dup-a");
        TestTenants.Tenant second = tenants.create("doc-dup-b");
        long seed = System.nanoTime();
        var john = Documents.holder("D2222222", "JOHN", "ROE", LocalDate.of(1980, 1, 1), LocalDate.now().plusYears(2),
                "1 MAIN ST");
        String a = session(first, seed, john);
        finalizeWith(first, a, Map.of()).statusCode(200).body("verified", equalTo(true));
        String b = session(second, seed, john); // another client, the same images
        finalizeWith(second, b, Map.of()).statusCode(200)
                .body("reasons.find { it.check == 'doc_front_online_duplication' }.code", equalTo("DUPLICATE_DOCUMENT"))
                .body("reasons.find { it.check == 'doc_front_online_duplication' }.decision", equalTo("review"));
        // the second client learns that the image was seen, never where
        backend(second, "sessions/tests/read", Map.of("session_id", b)).statusCode(200)
                .body("doc_front_online_duplication", equalTo("failed: the same front image was submitted 1 time(s) before"))
                .body("checks.find { it.name == 'doc_front_online_duplication' }.reference", nullValue());
        // a session's *_fail setting makes it a reject
        String c = session(second, seed, john);
        finalizeWith(second, c, Map.of("doc_front_online_duplication_fail", true)).statusCode(200)
                .body("verified", equalTo(false))
                .body("reasons.find { it.check == 'doc_front_online_duplication' }.decision", equalTo("reject"));
    }

    @Test
    void theIcaoSpecimenPassportIsReadByTheRealReaderAndIsAFakeId() {
        TestTenants.Tenant tenant = tenants.create("doc-icao");
        byte[] front = Idv.data("documents/passport-td3.jpg");
        String session = createSession(tenant, "passive", Map.of("settings", Map.of("perform_ofac_test", true)));
        consent(tenant, session).statusCode(200);
        documentType(tenant, session, "passport").statusCode(200);
        image(tenant, "front", session, front).statusCode(200);
        generate(tenant, session);
        process(tenant, session, List.of(face("obama/obama-1.jpg"))).statusCode(200);
        finalizeWith(tenant, session, Map.of()).statusCode(200)
                .body("verified", equalTo(false))
                .body("on_sanction_list", equalTo(false))
                .body("reasons.find { it.code == 'FAKE_ID' }.decision", equalTo("reject"))
                .body("reasons.find { it.code == 'FAKE_ID' }.description", org.hamcrest.Matchers.containsString("UTO"));
        backend(tenant, "sessions/tests/read", Map.of("session_id", session)).statusCode(200)
                .body("checks.find { it.name == 'document_read' }.passed", equalTo(true))
                .body("checks.find { it.name == 'mrz_check_digits' }.passed", equalTo(true))
                .body("checks.find { it.name == 'known_sample' }.passed", equalTo(false));
        backend(tenant, "documents/list", Map.of("session_id", session)).statusCode(200)
                .body("documents[0].data_source_e", equalTo("mrz"))
                .body("documents[0].document_number", equalTo("L898902C3"))
                .body("documents[0].last_name", equalTo("ERIKSSON"))
                .body("documents[0].issuing_country", equalTo("UTO"));
    }

    @Test
    void theDmvIsAskedThroughAamvasTestScenarioInTheLocalSimulator() {
        TestTenants.Tenant tenant = tenants.create("doc-dmv");
        // the holder of AAMVA's structured test record 12, but for the street and the expiry date
        var steven = new AamvaFixtures.Holder("BROWN", "STEVEN", "DANIEL", "JR", new int[] {1980, 1, 1},
                new int[] {2011, 10, 10}, ymd(LocalDate.now().plusYears(1)), 1, "1 ELSEWHERE RD", "ARLINGTON", "VA",
                "22203", "USA", 70, 178, 200, 91, "BRO", "BLK", "DLDVSTRUCTUREDTEST12", "D", "B");
        String session = session(tenant, System.nanoTime(), steven, steven, null, Map.of("perform_aamva_test", true));
        finalizeWith(tenant, session, Map.of("aamva_test_scenario", "NOT-A-SCENARIO")).statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("DLDVSTRUCTUREDTEST12"));
        finalizeWith(tenant, session, Map.of("aamva_test_scenario", "DLDVSTRUCTUREDTEST12")).statusCode(200);
        backend(tenant, "sessions/tests/read", Map.of("session_id", session)).statusCode(200)
                .body("dmv_document_number_match", equalTo(true))
                .body("dmv_first_name_match", equalTo(true))
                .body("dmv_height_match", equalTo(true))
                .body("dmv_document_category_match", equalTo(true))
                .body("dmv_street_match", equalTo(false))
                .body("dmv_document_expiration_match", equalTo(false))
                // 2 of 17 fields differ: above aamva_match_tolerance (0.1), a review
                .body("checks.find { it.name == 'dmv' }.passed", equalTo(false))
                .body("decision.details.find { it.check == 'dmv' }.code", equalTo("DMV_MISMATCH"))
                .body("decision.details.find { it.check == 'dmv' }.decision", equalTo("review"));
    }

    @Test
    void theSelfiesEstimatedAgeAndGenderAreComparedWithTheDocumentAsWarnings() {
        TestTenants.Tenant tenant = tenants.create("doc-age");
        // the document says 16 years old; the selfie is of a man in his fifties
        var barry = Documents.holder("D3333333", "BARRY", "OBAMA", LocalDate.now().minusYears(16).minusDays(3),
                LocalDate.now().plusYears(2), "1 MAIN ST");
        String session = session(tenant, System.nanoTime(), barry, barry, null,
                Map.of("perform_age_test", true, "perform_gender_test", true));
        finalizeWith(tenant, session, Map.of()).statusCode(200)
                .body("verified", equalTo(true))
                .body("reasons.find { it.code == 'AGE_MISMATCH' }.decision", equalTo("warning"));
        backend(tenant, "sessions/tests/read", Map.of("session_id", session)).statusCode(200)
                .body("checks.find { it.name == 'age' }.performed", equalTo(true))
                .body("checks.find { it.name == 'age' }.passed", equalTo(false))
                .body("checks.find { it.name == 'age' }.reference", equalTo("16"))
                .body("checks.find { it.name == 'gender' }.passed", org.hamcrest.Matchers.not(equalTo(false)))
                .body("decision.warning_score", equalTo(1));
    }

    private static int[] ymd(LocalDate d) {
        return new int[] {d.getYear(), d.getMonthValue(), d.getDayOfMonth()};
    }

    @Transactional
    Session stored(UUID clientId, UUID id) {
        return Session.ofClient(clientId, id).orElseThrow();
    }
}
