package io.verity.documents.barcode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.verity.documents.DocumentFields;
import io.verity.documents.tools.AamvaFixtures;
import io.verity.documents.tools.AamvaFixtures.Holder;
import io.verity.documents.fixtures.NodeReference;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AamvaParserTest {

    @Test
    void everyVersionParsesEveryField() {
        for (String country : List.of("USA", "CAN")) {
            Holder h = AamvaFixtures.sample(country);
            for (int version = 1; version <= 10; version++) {
                if (version == 1 && country.equals("CAN")) {
                    continue; // version 1 has no country element: its dates are year first anyway
                }
                Aamva aamva = AamvaParser.parse(AamvaFixtures.payload(version, h)).orElseThrow();
                DocumentFields f = aamva.fields();
                String what = country + " v" + version;
                assertThat(aamva.version()).as(what).isEqualTo(version);
                assertThat(aamva.issuerId()).isEqualTo(country.equals("CAN") ? "604428" : "636000");
                assertThat(aamva.warnings()).as(what).isEmpty();
                assertThat(f.source()).isEqualTo(DocumentFields.Source.BARCODE);
                assertThat(f.documentNumber()).as(what).isEqualTo(h.number());
                assertThat(f.lastName()).as(what).isEqualTo("MICHAELS-SMITH");
                assertThat(f.firstName()).as(what).isEqualTo("JOHN");
                assertThat(f.middleName()).as(what).isEqualTo("QUINCY");
                assertThat(f.nameSuffix()).as(what).isEqualTo("JR");
                assertThat(f.birthDate()).as(what).isEqualTo(LocalDate.of(1977, 8, 31));
                assertThat(f.issuedAt()).as(what).isEqualTo(LocalDate.of(2019, 3, 5));
                assertThat(f.expiresAt()).as(what).isEqualTo(LocalDate.of(2031, 8, 31));
                assertThat(f.gender()).as(what).isEqualTo("male");
                assertThat(f.street()).isEqualTo(h.street());
                assertThat(f.city()).isEqualTo(h.city());
                assertThat(f.state()).isEqualTo(h.state());
                assertThat(f.issuingState()).isEqualTo(h.state());
                assertThat(f.issuingCountry()).isEqualTo(country);
                assertThat(f.postalCode()).isEqualTo(country.equals("CAN") ? "H2X 1Y4" : "23269");
                assertThat(f.height()).as(what).isEqualTo(country.equals("CAN") && version > 1 ? "175 cm" : "69 in");
                assertThat(f.weight()).as(what).isEqualTo(country.equals("CAN") && version > 1 ? "82 kg" : "180 lb");
                assertThat(f.eyeColor()).isEqualTo("BRO");
                assertThat(f.hairColor()).isEqualTo("BLK");
                assertThat(f.documentClass()).isEqualTo(h.vehicleClass());
                assertThat(f.restrictions()).isEqualTo(h.restrictions());
                if (version >= 4) {
                    assertThat(aamva.truncation()).containsEntry("family", "N").containsEntry("middle", "T");
                } else {
                    assertThat(aamva.truncation()).isEmpty();
                }
            }
        }
    }

    @Test
    void datesInTheUnexpectedOrderAndOddUnitsStillParse() {
        List<String> warnings = new ArrayList<>();
        assertThat(AamvaParser.date("19770831", false, "DBB", warnings)).isEqualTo(LocalDate.of(1977, 8, 31));
        assertThat(AamvaParser.date("08311977", true, "DBB", warnings)).isEqualTo(LocalDate.of(1977, 8, 31));
        assertThat(warnings).isEmpty();
        assertThat(AamvaParser.date("99999999", false, "DBB", warnings)).isNull();
        assertThat(warnings).containsExactly("DBB is not a date in either order");
        assertThat(AamvaParser.height("5-09", null)).isEqualTo("69 in");
        assertThat(AamvaParser.height(null, "175")).isEqualTo("175 cm");
        assertThat(AamvaParser.height("070 IN", null)).isEqualTo("70 in");
        assertThat(AamvaParser.weight(null, "082")).isEqualTo("82 kg");
        assertThat(AamvaParser.postalCode("232691234")).isEqualTo("23269-1234");
        assertThat(AamvaParser.sex("9")).isEqualTo("unknown");
        assertThat(AamvaParser.sex("2")).isEqualTo("female");
    }

    @Test
    void aPayloadThatIsNotAamvaIsRefused() {
        assertThat(AamvaParser.parse("hello world")).isEmpty();
        assertThat(AamvaParser.parse("@\n\u001e\rANSI 63600009")).isEmpty();
        assertThat(AamvaParser.parse("x".repeat(AamvaParser.MAX_LENGTH + 1))).isEmpty();
    }

    @Test
    void wrongSubfileOffsetsAreFoundBySearching() {
        String payload = AamvaFixtures.payload(8, AamvaFixtures.sample("USA"));
        String broken = payload.replaceFirst("DL(\\d{4})", "DL9999");
        assertThat(AamvaParser.parse(broken).orElseThrow().fields().documentNumber()).isEqualTo("T64235789");
    }

    /** US payloads of versions 2–10 parsed by us and by npm parse-usdl: the same values. */
    @Test
    void usPayloadsAgreeWithParseUsdl() {
        List<String> payloads = new ArrayList<>();
        List<Holder> holders = new ArrayList<>();
        String[][] people = {{"DOE", "JANE", "ANN"}, {"O'BRIEN", "PATRICK", "SEAN"}, {"NGUYEN-TRAN", "MAI", "LINH"}};
        for (int version = 2; version <= 10; version++) {
            for (String[] p : people) {
                Holder base = AamvaFixtures.sample("USA");
                Holder h = new Holder(p[0], p[1], p[2], base.suffix(), new int[] {1960 + version, version, 10 + version},
                        base.issued(), new int[] {2030, 12, version}, version % 2 == 0 ? 2 : 1, base.street(), base.city(),
                        base.state(), base.zip(), "USA", 60 + version, 0, 120 + version, 0, "BLU", "BRO",
                        "S" + (1000000 + version * 37), base.vehicleClass(), base.restrictions());
                payloads.add(AamvaFixtures.payload(version, h));
                holders.add(h);
            }
        }
        JsonNode reference = NodeReference.run("usdl.cjs", payloads);
        for (int i = 0; i < payloads.size(); i++) {
            DocumentFields ours = AamvaParser.parse(payloads.get(i)).orElseThrow().fields();
            JsonNode theirs = reference.get(i);
            assertThat(theirs.has("error")).as("%s", theirs).isFalse();
            assertThat(ours.documentNumber()).isEqualTo(theirs.get("documentNumber").asText());
            assertThat(ours.lastName()).isEqualTo(theirs.get("lastName").asText());
            if (theirs.has("firstName")) {
                assertThat(ours.firstName()).isEqualTo(theirs.get("firstName").asText());
                assertThat(ours.middleName()).isEqualTo(theirs.get("middleName").asText());
            } else {
                assertThat(ours.firstName() + " " + ours.middleName())
                        .isEqualTo(theirs.get("firstNameAndMiddleName").asText().replace(',', ' '));
            }
            assertThat(ours.birthDate().toString()).isEqualTo(theirs.get("dateOfBirth").asText());
            assertThat(ours.issuedAt().toString()).isEqualTo(theirs.get("dateOfIssue").asText());
            assertThat(ours.expiresAt().toString()).isEqualTo(theirs.get("dateOfExpiry").asText());
            assertThat(ours.gender()).isEqualTo(theirs.get("sex").asText().equals("M") ? "male" : "female");
            assertThat(ours.street()).isEqualTo(theirs.get("addressStreet").asText());
            assertThat(ours.city()).isEqualTo(theirs.get("addressCity").asText());
            assertThat(ours.state()).isEqualTo(theirs.get("addressState").asText());
            assertThat(ours.eyeColor()).isEqualTo(theirs.get("eyeColor").asText());
            assertThat(Integer.parseInt(ours.height().replace(" in", "")))
                    .isEqualTo(Integer.parseInt(theirs.get("height").asText().replaceAll("\\D", "")));
            assertThat(ours.documentClass()).isEqualTo(theirs.get("jurisdictionVehicleClass").asText());
            assertThat(ours.firstName()).isEqualTo(holders.get(i).first());
        }
    }
}
