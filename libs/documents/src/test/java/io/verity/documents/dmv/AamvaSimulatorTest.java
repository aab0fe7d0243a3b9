package io.verity.documents.dmv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verity.documents.DocumentFields;
import io.verity.documents.DocumentFields.Source;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local DLDV simulator on AAMVA's structured test records. */
class AamvaSimulatorTest {

    static DocumentFields steven(String number, String street, LocalDate expires) {
        return new DocumentFields(Source.BARCODE, number, "USA", "VA", LocalDate.of(2011, 10, 10), expires, "STEVEN",
                "DANIEL", "BROWN", "JR", LocalDate.of(1980, 1, 1), "male", street, "ARLINGTON", "VA", "22203-1234",
                "70 in", "200 lb", "BRO", "BLK", "D", null);
    }

    @Test
    void everyFieldOfTheFullRecordMatches() {
        DmvResult r = new AamvaSimulator().verify(steven("DLDVSTRUCTUREDTEST12", "4301 Wilson Blvd", LocalDate.of(2023, 10, 10)),
                "driver_license", "DLDVSTRUCTUREDTEST12");
        assertThat(r.found()).isTrue();
        assertThat(r.matches()).containsOnlyKeys(DmvResult.FIELDS);
        assertThat(r.matches().values()).allMatch(Boolean.TRUE::equals);
    }

    @Test
    void differingFieldsAreFalseAndFieldsTheRecordLacksAreNull() {
        DmvResult r = new AamvaSimulator().verify(steven("D1234567", "1 Other St", LocalDate.of(2030, 1, 1)),
                "identification_card", "DLDVSTRUCTUREDTEST12");
        assertThat(r.matches()).containsEntry("dmv_document_number_match", false)
                .containsEntry("dmv_street_match", false)
                .containsEntry("dmv_document_expiration_match", false)
                .containsEntry("dmv_document_category_match", false)
                .containsEntry("dmv_first_name_match", true)
                .containsEntry("dmv_height_match", true);
        Map<String, Boolean> minimal = new AamvaSimulator().verify(steven("DLDVSTRUCTUREDTEST11", null, null),
                "driver_license", "DLDVSTRUCTUREDTEST11").matches();
        assertThat(minimal).containsEntry("dmv_last_name_match", true).containsEntry("dmv_birth_date_match", true);
        assertThat(minimal.get("dmv_street_match")).isNull();
        assertThat(minimal.get("dmv_eye_color_match")).isNull();
        assertThat(AamvaSimulator.feetAndInches("178 cm")).isEqualTo("510");
        assertThat(AamvaSimulator.pounds("91 kg")).isEqualTo("201");
    }

    @Test
    void anUnknownScenarioIsRefused() {
        assertThatThrownBy(() -> new AamvaSimulator().verify(steven("X", null, null), "driver_license", "NOPE"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DLDVSTRUCTUREDTEST12");
    }
}
