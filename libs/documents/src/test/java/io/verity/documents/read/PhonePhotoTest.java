package io.verity.documents.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.verity.documents.DocumentReading;
import io.verity.documents.mrz.MrzFormat;
import io.verity.documents.tools.MrzFixtures;
import io.verity.documents.tools.Photos;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Data pages drawn with their MRZ in OCR-B, photographed (turned up to 4°, blurred, JPEG-compressed) and read
 * back. Every data line (numbers, dates, check digits) must come back exactly with its check digits verified; the
 * name line is not protected by a check digit, and PP-OCRv4 sometimes drops a C or O from a long line of
 * capitals, so whole MRZs must be exact for at least 85% (the rate {@code bin/verity bench documents} reports).
 */
class PhonePhotoTest {

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
    void photographedMrzsOfEveryFormatAreReadExactly() {
        Random random = new Random(2026);
        List<String> misses = new ArrayList<>();
        int documents = 0;
        int printedNames = 0;
        for (MrzFormat format : List.of(MrzFormat.TD3, MrzFormat.TD2, MrzFormat.TD1, MrzFormat.MRV_A)) {
            for (int i = 0; i < 5; i++) {
                MrzFixtures.Person person = MrzFixtures.random(random, switch (format) {
                    case TD3 -> "P";
                    case TD1 -> "ID";
                    case MRV_A, MRV_B -> "V";
                    default -> "I";
                });
                List<String> lines = MrzFixtures.lines(format, person);
                byte[] photo = Photos.phonePhoto(Photos.dataPage(lines, Photos.printedFields(person)), random, 4);
                DocumentReading reading = reader.read(photo, null, format == MrzFormat.TD3 ? "passport" : "id_card");
                documents++;
                assertThat(reading.mrzLines()).as("%s", lines).hasSize(lines.size());
                List<String> dataLines = format == MrzFormat.TD1 ? lines.subList(0, 2) : lines.subList(1, 2);
                assertThat(format == MrzFormat.TD1 ? reading.mrzLines().subList(0, 2) : reading.mrzLines().subList(1, 2))
                        .as("data lines of %s", lines).isEqualTo(dataLines);
                assertThat(reading.checkDigits()).allMatch(DocumentReading.CheckDigit::valid);
                assertThat(reading.mrz().documentNumber()).isEqualTo(person.number());
                if (!reading.mrzLines().equals(lines)) {
                    misses.add(format + " " + lines + " read as " + reading.mrzLines());
                }
                if (reading.visualZone() != null && person.surname().equals(reading.visualZone().lastName())) {
                    printedNames++;
                }
            }
        }
        System.out.printf("phone photos: %d of %d MRZs read exactly, %d printed surnames; misses: %s%n",
                documents - misses.size(), documents, printedNames, misses);
        assertThat(misses.size()).as("MRZs not read exactly: %s", misses).isLessThanOrEqualTo(documents * 15 / 100);
        assertThat(printedNames).as("printed surnames read").isGreaterThanOrEqualTo(documents * 3 / 4);
    }
}
