package io.verity.documents.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.verity.documents.DocumentFields;
import io.verity.documents.DocumentReading;
import io.verity.documents.tools.AamvaFixtures;
import io.verity.documents.tools.MrzFixtures;
import io.verity.documents.tools.Photos;
import io.verity.documents.mrz.MrzFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reader on the real ICAO specimens of ../shared/data/documents and on documents the tests draw and photograph. */
class OcrDocumentReaderTest {

    static final Path SPECIMENS = Path.of("../../../shared/data/documents");
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
    void theTd3SpecimenIsReadWithEveryCheckDigit() throws IOException {
        DocumentReading reading = reader.read(Files.readAllBytes(SPECIMENS.resolve("passport-td3.jpg")), null, "passport");
        assertThat(reading.mrzLines()).containsExactly("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
        assertThat(reading.checkDigits()).hasSize(5).allMatch(DocumentReading.CheckDigit::valid);
        DocumentFields mrz = reading.mrz();
        assertThat(mrz.documentNumber()).isEqualTo("L898902C3");
        assertThat(mrz.lastName()).isEqualTo("ERIKSSON");
        assertThat(mrz.firstName()).isEqualTo("ANNA");
        assertThat(mrz.middleName()).isEqualTo("MARIA");
        assertThat(mrz.birthDate()).isEqualTo(LocalDate.of(1974, 8, 12));
        assertThat(mrz.expiresAt()).isEqualTo(LocalDate.of(2012, 4, 15));
        assertThat(mrz.issuingCountry()).isEqualTo("UTO");
        assertThat(mrz.gender()).isEqualTo("female");
        assertThat(reading.barcode()).isNull();
        assertThat(reading.problems()).isEmpty();
        assertThat(reading.ocrText()).contains("ERIKSSON", "ANNA MARIA");
        assertThat(reading.visualZone().lastName()).isEqualTo("ERIKSSON");
        assertThat(reading.visualZone().firstName()).isEqualTo("ANNA");
    }

    @Test
    void theTd2SpecimenIsReadWithEveryCheckDigit() throws IOException {
        DocumentReading reading = reader.read(Files.readAllBytes(SPECIMENS.resolve("passport-td2.jpg")), null, "id_card");
        assertThat(reading.mrzLines()).containsExactly("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6");
        assertThat(reading.checkDigits()).hasSize(4).allMatch(DocumentReading.CheckDigit::valid);
        assertThat(reading.mrz().documentNumber()).isEqualTo("D23145890");
        assertThat(reading.visualZone().documentNumber()).isEqualTo("D23145890");
        // No back was given for an ID card: the reader says it looked for a barcode and found none.
        assertThat(reading.problems()).anyMatch(p -> p.startsWith("no back image was given"));
    }

    @Test
    void aLicencePhotographedFrontAndBackGivesBarcodeFields() {
        String payload = AamvaFixtures.payload(10, AamvaFixtures.sample("USA"));
        byte[] back = Photos.jpeg(Photos.blur(Photos.rotate(Photos.licenceBack(payload), 6), 1), 0.75f);
        MrzFixtures.Person person = MrzFixtures.random(new Random(3), "P");
        byte[] front = Photos.jpeg(Photos.dataPage(MrzFixtures.lines(MrzFormat.TD3, person), List.of()), 0.8f);
        DocumentReading reading = reader.read(front, back, "drivers_license");
        assertThat(reading.rawBarcode()).isEqualTo(payload);
        assertThat(reading.barcode().documentNumber()).isEqualTo("T64235789");
        assertThat(reading.barcode().lastName()).isEqualTo("MICHAELS-SMITH");
        assertThat(reading.barcode().birthDate()).isEqualTo(LocalDate.of(1977, 8, 31));
    }

    @Test
    void undecodableImagesAreProblemsNotExceptions() {
        DocumentReading reading = reader.read(new byte[] {1, 2, 3}, new byte[] {(byte) 0xff, (byte) 0xd8, 0}, "drivers_license");
        assertThat(reading.mrz()).isNull();
        assertThat(reading.barcode()).isNull();
        assertThat(reading.problems()).anyMatch(p -> p.startsWith("the front image was not read"))
                .anyMatch(p -> p.startsWith("the back image was not read"))
                .noneMatch(p -> p.contains("Exception"));
    }
}
