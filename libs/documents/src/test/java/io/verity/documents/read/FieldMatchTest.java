package io.verity.documents.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.verity.documents.DocumentFields;
import io.verity.documents.DocumentFields.Source;
import io.verity.documents.DocumentReading;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldMatchTest {

    private static DocumentFields fields(Source source, String number, String first, String last, String street, String city) {
        return new DocumentFields(source, number, null, null, null, null, first, null, last, null, null, null, street, city,
                null, null, null, null, null, null, null, null);
    }

    private static DocumentReading reading(DocumentFields printed, DocumentFields barcode, DocumentFields mrz) {
        return new DocumentReading(barcode, null, mrz, List.of(), List.of(), printed, List.of(), List.of());
    }

    @Test
    void transliteratedAndSlightlyMisreadFieldsMatchWithinTheTolerance() {
        DocumentFields printed = fields(Source.VISUAL_ZONE, "T6423S789", "Jürgen", "Müller", "2300 W. Broad St", "Richmond");
        DocumentFields barcode = fields(Source.BARCODE, "T64235789", "JURGEN", "MULLER", "2300 W BROAD ST", "RICHMOND");
        FieldMatch.Result result = FieldMatch.compare(reading(printed, barcode, null), 0.2);
        assertThat(result.ocrNameMatch()).isTrue();
        assertThat(result.nameDistance()).isZero();
        assertThat(result.ocrAddressMatch()).isTrue();
        assertThat(result.ocrDocumentNumberMatch()).isTrue(); // one character in nine
        assertThat(result.documentNumberDistance()).isCloseTo(1 / 9.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(FieldMatch.normalise("Иванов")).isEqualTo("IVANOV");
    }

    @Test
    void aDifferentPersonOrNumberDoesNotMatchAndMissingFieldsAreNotJudged() {
        DocumentFields printed = fields(Source.VISUAL_ZONE, "L898902C3", "ANNA MARIA", "ERIKSSON", null, null);
        DocumentFields mrz = fields(Source.MRZ, "X12345678", "JOHN", "SMITH", null, null);
        FieldMatch.Result result = FieldMatch.compare(reading(printed, null, mrz), 0.2);
        assertThat(result.ocrNameMatch()).isFalse();
        assertThat(result.ocrDocumentNumberMatch()).isFalse();
        assertThat(result.ocrAddressMatch()).isNull();
        // Family name first on one side: still the same person.
        assertThat(FieldMatch.nameDistance(fields(Source.VISUAL_ZONE, null, "ERIKSSON", "ANNA", null, null),
                fields(Source.MRZ, null, "ANNA", "ERIKSSON", null, null))).isZero();
        assertThat(FieldMatch.compare(reading(null, null, mrz), 0.2).ocrNameMatch()).isNull();
    }
}
