package io.verity.idv;

import static io.verity.idv.Idv.face;
import static org.assertj.core.api.Assertions.assertThat;

import io.verity.documents.DocumentReading;
import io.verity.documents.fraud.PerceptualHash;
import io.verity.documents.read.FieldMatch;
import io.verity.documents.read.OcrDocumentReader;
import io.verity.documents.tools.AamvaFixtures;
import io.verity.documents.tools.Photos;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The documents the HTTP tests photograph ({@link Documents}) read by the real reader as those tests need them: the
 * licence's printed zone and barcode agree on names, number and address (or, drawn so, disagree on the address), the
 * passport's MRZ is read with valid check digits, and two fronts of different seeds are not one image to the
 * perceptual hash that finds online duplicates. Without Quarkus: the reader alone, on the build's models.
 */
class GeneratedDocumentsTest {

    static OcrDocumentReader reader;

    @BeforeAll
    static void open() {
        reader = OcrDocumentReader.open();
    }

    @AfterAll
    static void close() {
        reader.close();
    }

    @Test
    void aLicenceIsReadFromItsFrontAndBarcodeAndTwoSeedsAreTwoImages() throws IOException {
        AamvaFixtures.Holder jane = Documents.holder("D7654321", "JANE", "DOE", LocalDate.of(1985, 4, 12),
                LocalDate.of(2031, 5, 6), "2570 24TH STREET");
        byte[] front = Documents.licenceFront(jane, face("obama/obama-3.jpg"), 1, null);
        DocumentReading reading = reader.read(front, Documents.licenceBack(jane, 1), "driver_license");
        assertThat(reading.barcode().firstName()).isEqualTo("JANE");
        assertThat(reading.barcode().expiresAt()).isEqualTo(LocalDate.of(2031, 5, 6));
        assertThat(reading.visualZone().lastName()).as("%s", reading.ocrText()).isEqualTo("DOE");
        assertThat(reading.visualZone().documentNumber()).isEqualTo("D7654321");
        // OCR may drop the spaces of a long line ("257024THSTREET,SACRAMENTO,CA95818"): close, as the check measures
        assertThat(FieldMatch.distance(reading.visualZone().street(), "2570 24TH STREET, SACRAMENTO, CA 95818"))
                .as("%s", reading.ocrText()).isLessThanOrEqualTo(0.1);

        byte[] other = Documents.licenceFront(jane, face("obama/obama-3.jpg"), 2, null);
        byte[] plain = Photos.licenceFrontJpeg(jane, face("obama/obama-3.jpg"));
        assertThat(PerceptualHash.distance(hash(front), hash(other))).isGreaterThan(PerceptualHash.SAME_IMAGE_BITS);
        assertThat(PerceptualHash.distance(hash(front), hash(plain))).isGreaterThan(PerceptualHash.SAME_IMAGE_BITS);
        assertThat(Documents.licenceFront(jane, face("obama/obama-3.jpg"), 1, null)).isEqualTo(front);
        assertThat(PerceptualHash.distance(hash(Documents.licenceBack(jane, 1)), hash(Documents.licenceBack(jane, 2))))
                .isGreaterThan(PerceptualHash.SAME_IMAGE_BITS);
    }

    @Test
    void aSpecimenMarkAndAnotherPrintedStreetAreRead() {
        AamvaFixtures.Holder ramzan = Documents.holder("D1111111", "RAMZAN", "KADYROV", LocalDate.of(1976, 10, 5),
                LocalDate.of(2021, 6, 30), "2570 24TH STREET");
        byte[] front = Documents.licenceFront(Documents.withStreet(ramzan, "9 ELM AVENUE"), face("obama/obama-3.jpg"), 3,
                "SPECIMEN");
        DocumentReading reading = reader.read(front, Documents.licenceBack(ramzan, 3), "driver_license");
        assertThat(reading.ocrText()).contains("SPECIMEN");
        assertThat(FieldMatch.distance(reading.visualZone().street(), "9 ELM AVENUE, SACRAMENTO, CA 95818"))
                .as("%s", reading.ocrText()).isLessThanOrEqualTo(0.1);
        assertThat(FieldMatch.distance(reading.visualZone().street(), "2570 24TH STREET, SACRAMENTO, CA 95818"))
                .isGreaterThan(0.3);
        assertThat(reading.barcode().street()).isEqualTo("2570 24TH STREET");
        assertThat(reading.visualZone().expiresAt()).isEqualTo(LocalDate.of(2021, 6, 30));
    }

    @Test
    void aPassportIsReadFromItsMrz() {
        var barack = Documents.traveller("OBAMA", "BARACK", 'M', LocalDate.of(1961, 8, 4), 4);
        DocumentReading reading = reader.read(Documents.passport(barack, face("obama/obama-1.jpg")), null, "passport");
        assertThat(reading.mrz().lastName()).as("%s", reading.mrzLines()).isEqualTo("OBAMA");
        assertThat(reading.mrz().documentNumber()).isEqualTo(barack.number());
        assertThat(reading.checkDigits()).isNotEmpty().as("%s", reading.mrzLines()).allMatch(DocumentReading.CheckDigit::valid);
        assertThat(reading.visualZone().lastName()).isEqualTo("OBAMA");
    }

    @Test
    void aPassportWithoutBirthDateOrSexGivesNeither() {
        var rose = Documents.traveller("LESLIE", "ROSE", '<', null, 5);
        DocumentReading reading = reader.read(Documents.passport(rose, face("rose-leslie/rose-leslie-1.jpg")), null, "passport");
        assertThat(reading.mrz().lastName()).as("%s", reading.mrzLines()).isEqualTo("LESLIE");
        assertThat(reading.checkDigits()).isNotEmpty().as("%s", reading.mrzLines()).allMatch(DocumentReading.CheckDigit::valid);
        assertThat(reading.mrz().birthDate()).isNull();
        assertThat(reading.mrz().gender()).isEqualTo("unknown");
        assertThat(reading.visualZone().birthDate()).isNull();
    }

    private static String hash(byte[] jpeg) throws IOException {
        return PerceptualHash.of(ImageIO.read(new ByteArrayInputStream(jpeg)));
    }
}
